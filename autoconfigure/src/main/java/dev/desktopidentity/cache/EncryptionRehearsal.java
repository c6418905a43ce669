package dev.desktopidentity.cache;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reading an encrypted token cache, rehearsed with keys and content made up in memory,
 * for the runs that prepare later runs (the training run of a CDS archive or an AOT
 * cache, a CRaC checkpoint): what a run with an encrypted cache takes from the JDK (its
 * security providers and AES-GCM; where a Secret Service keeps the key, the encrypted
 * session's Diffie-Hellman, HKDF and AES-CBC, and the channels and message encoding of a
 * D-Bus client) is then in the archive, and not loaded on the way to the first token. It
 * touches no file, no bus and no secret store: no socket is connected.
 *
 * @since 0.1.0
 */
public final class EncryptionRehearsal {

	private EncryptionRehearsal() {
	}

	/**
	 * Encrypt and decrypt made-up cache content with a made-up key and, on Linux and
	 * other systems with a Secret Service, rehearse its session and a lookup's messages.
	 * @throws GeneralSecurityException if an algorithm is not available
	 * @throws IOException if the JDK cannot create a channel
	 */
	public static void run() throws GeneralSecurityException, IOException {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		CacheCodec codec = CacheCodec.encrypted(new SecretKeySpec(key, "AES"));
		try {
			codec.decode(codec.encode("{}"));
		}
		catch (UnreadableCacheException ex) {
			throw new IllegalStateException("The rehearsal's own content did not decrypt", ex);
		}
		if (OsSecretStores.Platform.current() == OsSecretStores.Platform.OTHER) {
			SecretServiceSession.rehearse();
			SecretServiceLookup.rehearse();
		}
	}

}
