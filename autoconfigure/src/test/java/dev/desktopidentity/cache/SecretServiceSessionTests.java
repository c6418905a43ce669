package dev.desktopidentity.cache;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.interfaces.DHPublicKey;
import javax.crypto.spec.DHParameterSpec;
import javax.crypto.spec.IvParameterSpec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the key agreement of {@link SecretServiceSession}; its interplay with a real
 * Secret Service is tested in {@link SecretServiceStoreTests}.
 */
class SecretServiceSessionTests {

	@Test
	void hkdfWhenRfc5869TestCase3ThenFirstSixteenBytesOfItsOutput() throws Exception {
		// RFC 5869, A.3: SHA-256, no salt, no information
		byte[] input = HexFormat.of().parseHex("0b".repeat(22));
		assertThat(HexFormat.of().formatHex(SecretServiceSession.hkdf(input)))
			.isEqualTo("8da4e775a563c18f715f802a063c5a31");
	}

	@Test
	void keyPairThenPrivateValueOfTwiceTheGroupsStrengthAsTheJdkChoosesForTheGroup() throws Exception {
		KeyPairGenerator jdk = KeyPairGenerator.getInstance("DH");
		jdk.initialize(1024);
		DHParameterSpec jdkGroup = ((DHPublicKey) jdk.generateKeyPair().getPublic()).getParams();
		DHPublicKey own = (DHPublicKey) SecretServiceSession.keyPair().getPublic();
		assertThat(own.getParams().getP()).isEqualTo(jdkGroup.getP());
		assertThat(own.getParams().getG()).isEqualTo(jdkGroup.getG());
		assertThat(own.getParams().getL()).isEqualTo(jdkGroup.getL()).isEqualTo(160);
	}

	@Test
	void agreeWhenBothSidesExchangePublicKeysThenSameKeyDecryptsWhatTheOtherEncrypted() throws Exception {
		KeyPair client = SecretServiceSession.keyPair();
		KeyPair service = SecretServiceSession.keyPair();
		assertThat(SecretServiceSession.publicKey(client)).hasSizeLessThanOrEqualTo(128);
		SecretKey clientKey = SecretServiceSession.agree(client.getPrivate(), SecretServiceSession.publicKey(service));
		SecretKey serviceKey = SecretServiceSession.agree(service.getPrivate(),
				SecretServiceSession.publicKey(client));
		assertThat(clientKey.getEncoded()).hasSize(16).isEqualTo(serviceKey.getEncoded());
		byte[] iv = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
		Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
		cipher.init(Cipher.ENCRYPT_MODE, serviceKey, new IvParameterSpec(iv));
		byte[] sent = cipher.doFinal("a secret".getBytes(StandardCharsets.UTF_8));
		Cipher decrypt = Cipher.getInstance("AES/CBC/PKCS5Padding");
		decrypt.init(Cipher.DECRYPT_MODE, clientKey, new IvParameterSpec(iv));
		assertThat(new String(decrypt.doFinal(sent), StandardCharsets.UTF_8)).isEqualTo("a secret");
	}

	@Test
	void agreeWhenOtherKeyOutsideTheGroupThenRefused() throws Exception {
		KeyPair client = SecretServiceSession.keyPair();
		// 1 and p - 1 would make the shared secret predictable
		assertThatExceptionOfType(java.security.GeneralSecurityException.class)
			.isThrownBy(() -> SecretServiceSession.agree(client.getPrivate(), new byte[] { 1 }));
	}

}
