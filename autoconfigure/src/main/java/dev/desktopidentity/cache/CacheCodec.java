package dev.desktopidentity.cache;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Turns the MSAL4J cache JSON into the bytes of the cache file and back.
 */
interface CacheCodec {

	/**
	 * Return the file content for the cache JSON.
	 * @param json the JSON
	 * @return the file content
	 */
	byte[] encode(String json);

	/**
	 * Return the cache JSON in the file content.
	 * @param content the file content
	 * @return the JSON
	 * @throws UnreadableCacheException if the content is not what this codec writes
	 */
	String decode(byte[] content) throws UnreadableCacheException;

	/**
	 * Return a codec that keeps the JSON as it is.
	 * @return the codec
	 */
	static CacheCodec plain() {
		return new CacheCodec() {

			@Override
			public byte[] encode(String json) {
				return json.getBytes(StandardCharsets.UTF_8);
			}

			@Override
			public String decode(byte[] content) throws UnreadableCacheException {
				if (Encrypted.isEncrypted(content)) {
					throw new UnreadableCacheException("the file is encrypted");
				}
				return new String(content, StandardCharsets.UTF_8);
			}

		};
	}

	/**
	 * Return a codec that encrypts the JSON with AES-256-GCM.
	 * @param key the AES key
	 * @return the codec
	 */
	static CacheCodec encrypted(SecretKey key) {
		return new Encrypted(key);
	}

	/**
	 * Load what decrypting a file takes from the JDK: its security providers, found and
	 * loaded on the first use of a cipher, a large part of a first cache access. Called
	 * while the key is looked up, so that decrypting does not wait for them after it.
	 */
	static void prepareEncrypted() {
		try {
			Cipher.getInstance(Encrypted.TRANSFORMATION);
		}
		catch (GeneralSecurityException ex) {
			// Reported when a file is encrypted or decrypted
		}
	}

	/**
	 * AES-256-GCM: a four-byte format marker, a random 96-bit nonce, then the ciphertext
	 * with its 128-bit tag. The tag detects a wrong key, a truncated file and any change.
	 */
	final class Encrypted implements CacheCodec {

		static final String TRANSFORMATION = "AES/GCM/NoPadding";

		private static final byte[] MARKER = { 'D', 'I', 'C', '1' };

		private static final int NONCE_LENGTH = 12;

		private static final int TAG_BITS = 128;

		private static final SecureRandom random = new SecureRandom();

		private final SecretKey key;

		Encrypted(SecretKey key) {
			this.key = key;
		}

		static boolean isEncrypted(byte[] content) {
			return content.length >= MARKER.length
					&& Arrays.equals(content, 0, MARKER.length, MARKER, 0, MARKER.length);
		}

		@Override
		public byte[] encode(String json) {
			byte[] nonce = new byte[NONCE_LENGTH];
			random.nextBytes(nonce);
			try {
				Cipher cipher = Cipher.getInstance(TRANSFORMATION);
				cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, nonce));
				cipher.updateAAD(MARKER);
				byte[] ciphertext = cipher.doFinal(json.getBytes(StandardCharsets.UTF_8));
				return ByteBuffer.allocate(MARKER.length + NONCE_LENGTH + ciphertext.length)
					.put(MARKER)
					.put(nonce)
					.put(ciphertext)
					.array();
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("AES-GCM is not available", ex);
			}
		}

		@Override
		public String decode(byte[] content) throws UnreadableCacheException {
			if (!isEncrypted(content)) {
				throw new UnreadableCacheException("the file is not an encrypted token cache");
			}
			if (content.length < MARKER.length + NONCE_LENGTH + TAG_BITS / 8) {
				throw new UnreadableCacheException("the file is truncated");
			}
			try {
				Cipher cipher = Cipher.getInstance(TRANSFORMATION);
				cipher.init(Cipher.DECRYPT_MODE, this.key,
						new GCMParameterSpec(TAG_BITS, content, MARKER.length, NONCE_LENGTH));
				cipher.updateAAD(MARKER);
				int offset = MARKER.length + NONCE_LENGTH;
				return new String(cipher.doFinal(content, offset, content.length - offset), StandardCharsets.UTF_8);
			}
			catch (javax.crypto.AEADBadTagException ex) {
				throw new UnreadableCacheException(
						"it cannot be decrypted with the key in the secret store (a different key, or a damaged file)");
			}
			catch (GeneralSecurityException ex) {
				throw new IllegalStateException("AES-GCM is not available", ex);
			}
		}

	}

}
