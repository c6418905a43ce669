package dev.desktopidentity.cache;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.PointerByReference;

/**
 * The functions of libsecret (the Secret Service client library of GNOME) and GLib that
 * {@link SecretServiceStore} calls, bound with JNA.
 */
interface LibSecret extends Library {

	int SECRET_SCHEMA_NONE = 0;

	int SECRET_SCHEMA_ATTRIBUTE_STRING = 0;

	Pointer secret_schema_new(String name, int flags, Object... attributes);

	int secret_password_store_sync(Pointer schema, String collection, String label, String password,
			Pointer cancellable, PointerByReference error, Object... attributes);

	Pointer secret_password_lookup_sync(Pointer schema, Pointer cancellable, PointerByReference error,
			Object... attributes);

	void secret_password_free(Pointer password);

	int secret_password_clear_sync(Pointer schema, Pointer cancellable, PointerByReference error,
			Object... attributes);

	/**
	 * Load libsecret.
	 * @return the library
	 * @throws UnsatisfiedLinkError if libsecret is not installed
	 */
	static LibSecret load() {
		try {
			return Native.load("secret-1", LibSecret.class);
		}
		catch (UnsatisfiedLinkError ex) {
			return Native.load("libsecret-1.so.0", LibSecret.class);
		}
	}

	/**
	 * GLib's {@code g_error_free}.
	 */
	interface GLib extends Library {

		void g_error_free(Pointer error);

		static GLib load() {
			try {
				return Native.load("glib-2.0", GLib.class);
			}
			catch (UnsatisfiedLinkError ex) {
				return Native.load("libglib-2.0.so.0", GLib.class);
			}
		}

	}

}
