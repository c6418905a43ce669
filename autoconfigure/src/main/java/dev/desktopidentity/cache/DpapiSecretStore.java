package dev.desktopidentity.cache;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;

import dev.desktopidentity.cache.WindowsDataProtection.DataProtectionException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The cache key protected with the Windows data protection API (DPAPI) for the current
 * user, in the file {@value #KEY_FILE} beside the cache: {@code DIK1}, then the blob that
 * {@code CryptProtectData} made of the key. Only the same Windows user can decrypt it,
 * on the same machine or, with a roaming profile, wherever that user signs in; the file
 * is written atomically and readable by its owner alone (an ACL).
 * <p>
 * A key file that Windows reports as damaged, or as protected by another user or on
 * another machine, is moved aside to {@code msal-cache.key.unreadable-<time>}, and the
 * store reports no key: a new key is made, and the cache file that the old one encrypted
 * is moved aside with one warning. Any other refusal is a {@link SecretStoreException}
 * that leaves both files as they are.
 */
final class DpapiSecretStore implements SecretStore {

	static final String KEY_FILE = "msal-cache.key";

	private static final byte[] MAGIC = "DIK1".getBytes(StandardCharsets.US_ASCII);

	// Binds the blob to this use: CryptUnprotectData needs the same entropy
	static final byte[] ENTROPY = "dev.desktopidentity.TokenCacheKey".getBytes(StandardCharsets.US_ASCII);

	static final String DESCRIPTION = "desktop-identity token cache key";

	private static final int ERROR_INVALID_DATA = 13;

	private static final int ERROR_INVALID_PARAMETER = 87;

	private static final int NTE_BAD_DATA = 0x80090005;

	private static final int NTE_BAD_KEY_STATE = 0x8009000B;

	// What CryptUnprotectData answers for a damaged blob, or one protected by another
	// user or on another machine (whose master key this user does not have)
	private static final Set<Integer> UNREADABLE = Set.of(ERROR_INVALID_DATA, ERROR_INVALID_PARAMETER, NTE_BAD_DATA,
			NTE_BAD_KEY_STATE);

	private static final Log logger = LogFactory.getLog(DpapiSecretStore.class);

	private final Path file;

	private final Supplier<WindowsDataProtection> protection;

	private final Clock clock;

	/**
	 * Create a store.
	 * @param directory the cache directory
	 * @param protection DPAPI, made on first use, so that a missing jna-platform is
	 * reported as a store that does not work rather than a failure to start
	 * @param clock the clock for the names of files moved aside
	 */
	DpapiSecretStore(Path directory, Supplier<WindowsDataProtection> protection, Clock clock) {
		this.file = directory.resolve(KEY_FILE);
		this.protection = protection;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "key file protected by Windows DPAPI (" + KEY_FILE + ")";
	}

	@Override
	public byte @Nullable [] read() throws SecretStoreException {
		byte[] content;
		try {
			content = CacheFiles.readIfExists(this.file);
		}
		catch (IOException ex) {
			throw new SecretStoreException("cannot read the token cache key file " + this.file + " ("
					+ ex.getMessage() + ")", ex);
		}
		if (content == null) {
			return null;
		}
		if (content.length <= MAGIC.length || !Arrays.equals(content, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
			moveAside("it is not a key file of desktop-identity");
			return null;
		}
		try {
			return this.protection.get().unprotect(Arrays.copyOfRange(content, MAGIC.length, content.length), ENTROPY);
		}
		catch (DataProtectionException ex) {
			if (isUnreadable(ex)) {
				moveAside(describe(ex));
				return null;
			}
			throw new SecretStoreException("Windows DPAPI refused to decrypt the token cache key in " + this.file
					+ ": " + describe(ex), ex);
		}
		catch (LinkageError ex) {
			throw missingBinding(ex);
		}
	}

	@Override
	public void write(byte[] secret) throws SecretStoreException {
		byte[] blob;
		try {
			blob = this.protection.get().protect(secret, ENTROPY, DESCRIPTION);
		}
		catch (DataProtectionException ex) {
			throw new SecretStoreException("Windows DPAPI refused to encrypt the token cache key: " + describe(ex), ex);
		}
		catch (LinkageError ex) {
			throw missingBinding(ex);
		}
		byte[] content = new byte[MAGIC.length + blob.length];
		System.arraycopy(MAGIC, 0, content, 0, MAGIC.length);
		System.arraycopy(blob, 0, content, MAGIC.length, blob.length);
		try {
			CacheFiles.writeAtomically(this.file, content);
		}
		catch (IOException ex) {
			throw new SecretStoreException("cannot write the token cache key file " + this.file + " ("
					+ ex.getMessage() + ")", ex);
		}
	}

	@Override
	public void delete() throws SecretStoreException {
		try {
			SharingRetry.forPath(this.file).run(() -> Files.deleteIfExists(this.file));
		}
		catch (IOException ex) {
			throw new SecretStoreException("cannot delete the token cache key file " + this.file + " ("
					+ ex.getMessage() + ")", ex);
		}
	}

	private void moveAside(String reason) {
		try {
			Path aside = CacheFiles.moveAside(this.file, this.clock);
			logger.debug("Moved the unreadable token cache key file aside to " + aside + " (" + reason + ")");
		}
		catch (IOException ex) {
			logger.debug("Cannot move the unreadable token cache key file " + this.file + " aside (" + reason + ")",
					ex);
		}
	}

	/**
	 * Return whether DPAPI refused a blob because it is damaged, or because it was
	 * protected by another user or on another machine.
	 * @param ex the refusal
	 * @return whether the blob can never be decrypted here
	 */
	static boolean isUnreadable(DataProtectionException ex) {
		return UNREADABLE.contains(ex.errorCode());
	}

	private static String describe(DataProtectionException ex) {
		String code = "error 0x" + String.format("%08X", ex.errorCode());
		String message = ex.getMessage();
		return (message != null && !message.isBlank()) ? message.strip() + " (" + code + ")" : code;
	}

	private static SecretStoreException missingBinding(LinkageError ex) {
		return new SecretStoreException("Windows DPAPI cannot be called: net.java.dev.jna:jna-platform is not on the "
				+ "class path or does not match jna (" + ex + ")", ex);
	}

}
