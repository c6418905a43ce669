package dev.desktopidentity.cache;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;
import org.jspecify.annotations.Nullable;

/**
 * The secret of a {@link SecretServiceStore} through libsecret, which unlocks a locked
 * collection with the service's password prompt and creates the default collection if
 * there is none. The secret is stored Base64-encoded, as the Secret Service keeps text.
 */
final class LibSecretStore implements SecretStore {

	private static final String SCHEMA = SecretServiceStore.SCHEMA;

	private static final String CLIENT_ID = SecretServiceStore.CLIENT_ID;

	private static final String CACHE = SecretServiceStore.CACHE;

	private static final String DEFAULT_COLLECTION = "default";

	private final String clientId;

	private final String cache;

	// libsecret and the schema are loaded once per JVM, on first use
	private static @Nullable Binding binding;

	LibSecretStore(String clientId, String cache) {
		this.clientId = clientId;
		this.cache = cache;
	}

	@Override
	public String name() {
		return "Secret Service";
	}

	@Override
	public byte @Nullable [] read() throws SecretStoreException {
		Binding binding = binding();
		PointerByReference error = new PointerByReference();
		Pointer password = binding.library.secret_password_lookup_sync(binding.schema, Pointer.NULL, error,
				CLIENT_ID, this.clientId, CACHE, this.cache, null);
		binding.check(error, "read the token cache key from");
		if (password == null) {
			return null;
		}
		try {
			return Base64.getDecoder().decode(password.getString(0, StandardCharsets.UTF_8.name()));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		finally {
			binding.library.secret_password_free(password);
		}
	}

	@Override
	public void write(byte[] secret) throws SecretStoreException {
		Binding binding = binding();
		PointerByReference error = new PointerByReference();
		binding.library.secret_password_store_sync(binding.schema, DEFAULT_COLLECTION,
				"desktop-identity token cache key (" + this.clientId + ")",
				Base64.getEncoder().encodeToString(secret), Pointer.NULL, error, CLIENT_ID, this.clientId, CACHE,
				this.cache, null);
		binding.check(error, "save the token cache key in");
	}

	@Override
	public void delete() throws SecretStoreException {
		Binding binding = binding();
		PointerByReference error = new PointerByReference();
		binding.library.secret_password_clear_sync(binding.schema, Pointer.NULL, error, CLIENT_ID, this.clientId,
				CACHE, this.cache, null);
		binding.check(error, "delete the token cache key from");
	}

	private static synchronized Binding binding() throws SecretStoreException {
		Binding loaded = binding;
		if (loaded == null) {
			loaded = Binding.load();
			binding = loaded;
		}
		return loaded;
	}

	/**
	 * Return why libsecret cannot be called: JNA missing from the class path (the
	 * auto-configuration declares it optional; the starter brings it), or libsecret
	 * itself not installed.
	 */
	static SecretStoreException unavailable(LinkageError ex) {
		String message = String.valueOf(ex.getMessage());
		if (ex instanceof NoClassDefFoundError && message.startsWith("com/sun/jna/")) {
			return new SecretStoreException("libsecret cannot be called: net.java.dev.jna:jna is not on the class "
					+ "path (desktop-identity-spring-boot-starter brings it; add it when depending on the "
					+ "auto-configuration alone)", ex);
		}
		return new SecretStoreException("libsecret is not installed (" + message + ")", ex);
	}

	private record Binding(LibSecret library, LibSecret.GLib glib, Pointer schema) {

		static Binding load() throws SecretStoreException {
			try {
				LibSecret library = LibSecret.load();
				LibSecret.GLib glib = LibSecret.GLib.load();
				Pointer schema = library.secret_schema_new(SCHEMA, LibSecret.SECRET_SCHEMA_NONE, CLIENT_ID,
						LibSecret.SECRET_SCHEMA_ATTRIBUTE_STRING, CACHE, LibSecret.SECRET_SCHEMA_ATTRIBUTE_STRING,
						null);
				return new Binding(library, glib, schema);
			}
			catch (LinkageError ex) {
				throw unavailable(ex);
			}
		}

		void check(PointerByReference error, String action) throws SecretStoreException {
			Pointer gerror = error.getValue();
			if (gerror == null) {
				return;
			}
			// GError: guint32 domain, gint code, gchar *message
			Pointer message = gerror.getPointer(8);
			String text = (message != null) ? message.getString(0, StandardCharsets.UTF_8.name()) : "unknown error";
			this.glib.g_error_free(gerror);
			throw new SecretStoreException("Failed to " + action + " the Secret Service: " + text);
		}

	}

}
