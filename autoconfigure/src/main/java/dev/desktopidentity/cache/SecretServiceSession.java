package dev.desktopidentity.cache;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.DHPublicKeySpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.desktopidentity.cache.DBusCodec.Variant;
import org.jspecify.annotations.Nullable;

/**
 * A session with the Secret Service, in which secrets travel over the bus encrypted:
 * the {@code dh-ietf1024-sha256-aes128-cbc-pkcs7} algorithm of the Secret Service API
 * (Diffie-Hellman in the 1024-bit group of RFC 2409, HKDF-SHA256 to an AES-128 key, CBC
 * with PKCS#7 padding), as libsecret uses. A service that does not support it gets a
 * {@code plain} session, as libsecret then falls back to.
 */
final class SecretServiceSession {

	static final String ALGORITHM = "dh-ietf1024-sha256-aes128-cbc-pkcs7";

	// RFC 2409, section 6.2: the Second Oakley Group, generator 2. A private value of 160
	// bits, twice the group's 80-bit strength (NIST SP 800-56A), as the JDK chooses for this
	// group when asked for a 1024-bit key pair; given the group without a length, it would
	// choose 512 bits: three times as many squarings in each of the two exponentiations of a
	// first lookup, and the session no stronger
	private static final DHParameterSpec GROUP = new DHParameterSpec(new BigInteger(1, HexFormat.of()
		.parseHex("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD"
				+ "EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
				+ "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE65381FFFFFFFFFFFFFFFF")),
			BigInteger.TWO, 160);

	private static final int KEY_BYTES = 16;

	private static final String CIPHER = "AES/CBC/PKCS5Padding";

	private final String path;

	private final @Nullable SecretKey key;

	private SecretServiceSession(String path, @Nullable SecretKey key) {
		this.path = path;
		this.key = key;
	}

	/**
	 * Open a session on a connection to the bus.
	 * @param bus the connection
	 * @return the session
	 * @throws DBusException if the service refuses both algorithms
	 * @throws GeneralSecurityException if the service's public key is not valid
	 */
	static SecretServiceSession open(DBusConnection bus) throws DBusException, GeneralSecurityException {
		KeyPair pair = keyPair();
		List<Object> reply;
		try {
			reply = SecretServiceLookup.callService(bus, "OpenSession", "sv",
					List.of(ALGORITHM, new Variant("ay", publicKey(pair))), "vo");
		}
		catch (DBusException ex) {
			if (!"org.freedesktop.DBus.Error.NotSupported".equals(ex.errorName())) {
				throw ex;
			}
			reply = SecretServiceLookup.callService(bus, "OpenSession", "sv", List.of("plain", new Variant("s", "")),
					"vo");
			return new SecretServiceSession((String) reply.get(1), null);
		}
		if (!(((Variant) reply.get(0)).value() instanceof byte[] serviceKey)) {
			throw new DBusException("the Secret Service answered OpenSession without its public key");
		}
		return new SecretServiceSession((String) reply.get(1), agree(pair.getPrivate(), serviceKey));
	}

	String path() {
		return this.path;
	}

	/**
	 * Return a secret that the service sent in this session.
	 * @param parameters the parameters of the secret (the initialization vector)
	 * @param value the secret as sent
	 * @return the secret
	 * @throws GeneralSecurityException if it cannot be decrypted
	 */
	byte[] decrypt(byte[] parameters, byte[] value) throws GeneralSecurityException {
		if (this.key == null) {
			return value;
		}
		Cipher cipher = Cipher.getInstance(CIPHER);
		cipher.init(Cipher.DECRYPT_MODE, this.key, new IvParameterSpec(parameters));
		return cipher.doFinal(value);
	}

	/**
	 * Rehearse a session without a bus, with made-up keys on both sides and a made-up
	 * secret, so that what a session takes from the JDK is loaded (see
	 * {@link EncryptionRehearsal}).
	 * @throws GeneralSecurityException if an algorithm is not available
	 */
	static void rehearse() throws GeneralSecurityException {
		KeyPair own = keyPair();
		SecretKey key = agree(own.getPrivate(), publicKey(keyPair()));
		byte[] parameters = new byte[16];
		Cipher cipher = Cipher.getInstance(CIPHER);
		cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(parameters));
		new SecretServiceSession("/", key).decrypt(parameters, cipher.doFinal(new byte[44]));
	}

	static KeyPair keyPair() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("DH");
		generator.initialize(GROUP);
		return generator.generateKeyPair();
	}

	static byte[] publicKey(KeyPair pair) {
		return unsigned(((DHPublicKey) pair.getPublic()).getY());
	}

	/**
	 * Agree on the session's AES key with the other side's public key.
	 * @param own this side's private key
	 * @param other the other side's public key, big-endian
	 * @return the key
	 * @throws GeneralSecurityException if the other side's key is not valid in the group
	 */
	static SecretKey agree(PrivateKey own, byte[] other) throws GeneralSecurityException {
		KeyAgreement agreement = KeyAgreement.getInstance("DH");
		agreement.init(own);
		agreement.doPhase(KeyFactory.getInstance("DH")
			.generatePublic(new DHPublicKeySpec(new BigInteger(1, other), GROUP.getP(), GROUP.getG())), true);
		// As long as the prime, with leading zeros, as the service computes it
		byte[] shared = agreement.generateSecret();
		try {
			return new SecretKeySpec(hkdf(shared), "AES");
		}
		finally {
			Arrays.fill(shared, (byte) 0);
		}
	}

	/**
	 * HKDF-SHA256 (RFC 5869) without salt and information, to 16
	 * bytes.
	 * @param input the input keying material
	 * @return the key
	 * @throws GeneralSecurityException if HMAC-SHA256 is not available
	 */
	static byte[] hkdf(byte[] input) throws GeneralSecurityException {
		Mac mac = Mac.getInstance("HmacSHA256");
		// No salt means a salt of zeros as long as the hash
		mac.init(new SecretKeySpec(new byte[mac.getMacLength()], "HmacSHA256"));
		byte[] pseudoRandom = mac.doFinal(input);
		mac.init(new SecretKeySpec(pseudoRandom, "HmacSHA256"));
		byte[] block = mac.doFinal(new byte[] { 1 });
		try {
			return Arrays.copyOf(block, KEY_BYTES);
		}
		finally {
			Arrays.fill(pseudoRandom, (byte) 0);
			Arrays.fill(block, (byte) 0);
		}
	}

	private static byte[] unsigned(BigInteger value) {
		byte[] bytes = value.toByteArray();
		return (bytes.length > 1 && bytes[0] == 0) ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
	}

}
