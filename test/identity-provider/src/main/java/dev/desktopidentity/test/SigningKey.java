package dev.desktopidentity.test;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The RSA 2048 key that signs ID and access tokens with RS256.
 */
final class SigningKey {

	private final RSAKey key;

	private final RSASSASigner signer;

	private SigningKey(RSAKey key) throws JOSEException {
		this.key = key;
		this.signer = new RSASSASigner(key);
	}

	static SigningKey generate() {
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE)
				.algorithm(JWSAlgorithm.RS256)
				.keyIDFromThumbprint(true)
				.generate();
			return new SigningKey(key);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unable to create the token signing key", ex);
		}
	}

	/**
	 * Return a key saved with {@link #toJson()}.
	 * @param json the private JWK
	 * @return the key
	 * @throws IllegalArgumentException if it is not an RSA private key
	 */
	static SigningKey fromJson(String json) {
		try {
			RSAKey key = RSAKey.parse(json);
			if (!key.isPrivate()) {
				throw new IllegalArgumentException("The saved signing key has no private part");
			}
			return new SigningKey(key);
		}
		catch (java.text.ParseException | JOSEException ex) {
			throw new IllegalArgumentException("The saved signing key cannot be read", ex);
		}
	}

	/**
	 * Return the key with its private part, as a JWK, to save it.
	 * @return the JSON
	 */
	String toJson() {
		return this.key.toJSONString();
	}

	String sign(JWTClaimsSet claims) {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
			.keyID(this.key.getKeyID())
			.build();
		SignedJWT jwt = new SignedJWT(header, claims);
		try {
			jwt.sign(this.signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Unable to sign a token", ex);
		}
		return jwt.serialize();
	}

	JWKSet publicKeys() {
		return new JWKSet(this.key.toPublicJWK());
	}

}
