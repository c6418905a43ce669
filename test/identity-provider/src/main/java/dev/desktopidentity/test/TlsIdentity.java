package dev.desktopidentity.test;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A self-signed TLS certificate for loopback (DNS {@code localhost}, IP
 * {@code 127.0.0.1} and {@code ::1}) with its EC P-256 key, valid from one hour ago for
 * one day (or as long as asked, for a provider that keeps its state), and the SSL contexts
 * that serve and trust it.
 */
final class TlsIdentity {

	private static final char[] KEY_STORE_PASSWORD = "local-idp".toCharArray();

	private final KeyPair keyPair;

	private final X509Certificate certificate;

	private TlsIdentity(KeyPair keyPair, X509Certificate certificate) {
		this.keyPair = keyPair;
		this.certificate = certificate;
	}

	static TlsIdentity generate() {
		return generate(Duration.ofDays(1));
	}

	/**
	 * Create a key pair and a certificate valid from one hour ago for the given time.
	 * @param validity how long the certificate is valid
	 * @return the identity
	 */
	static TlsIdentity generate(Duration validity) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			KeyPair keyPair = generator.generateKeyPair();
			return new TlsIdentity(keyPair, selfSign(keyPair, validity));
		}
		catch (GeneralSecurityException | OperatorCreationException | IOException ex) {
			throw new IllegalStateException("Unable to create the TLS certificate", ex);
		}
	}

	/**
	 * Return an identity saved with {@link #toPkcs12()}.
	 * @param pkcs12 the key store
	 * @return the identity
	 * @throws IllegalArgumentException if it cannot be read
	 */
	static TlsIdentity fromPkcs12(byte[] pkcs12) {
		try {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(new java.io.ByteArrayInputStream(pkcs12), KEY_STORE_PASSWORD);
			X509Certificate certificate = (X509Certificate) keyStore.getCertificate("local-idp");
			java.security.PrivateKey key = (java.security.PrivateKey) keyStore.getKey("local-idp", KEY_STORE_PASSWORD);
			if (certificate == null || key == null) {
				throw new IllegalArgumentException("The saved TLS key store has no 'local-idp' entry");
			}
			return new TlsIdentity(new KeyPair(certificate.getPublicKey(), key), certificate);
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalArgumentException("The saved TLS key store cannot be read", ex);
		}
	}

	/**
	 * Return the key and certificate as a PKCS #12 key store, to save them.
	 * @return the key store
	 */
	byte[] toPkcs12() {
		try {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			keyStore.setKeyEntry("local-idp", this.keyPair.getPrivate(), KEY_STORE_PASSWORD,
					new X509Certificate[] { this.certificate });
			java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
			keyStore.store(out, KEY_STORE_PASSWORD);
			return out.toByteArray();
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Unable to save the TLS key store", ex);
		}
	}

	/**
	 * Return whether the certificate is still valid at the given time.
	 * @param time the time
	 * @return whether it is valid then
	 */
	boolean validAt(Instant time) {
		Date date = Date.from(time);
		return !date.before(this.certificate.getNotBefore()) && !date.after(this.certificate.getNotAfter());
	}

	private static X509Certificate selfSign(KeyPair keyPair, Duration validity)
			throws GeneralSecurityException, OperatorCreationException, IOException {
		X500Name name = new X500Name("CN=localhost, O=desktop-identity local identity provider");
		Instant now = Instant.now();
		BigInteger serial = new BigInteger(64, new SecureRandom());
		X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial,
				Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), name,
				keyPair.getPublic());
		GeneralNames alternativeNames = new GeneralNames(new GeneralName[] {
				new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
				new GeneralName(GeneralName.iPAddress, "::1") });
		builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames);
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
		builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
		builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
	}

	X509Certificate certificate() {
		return this.certificate;
	}

	String certificatePem() {
		StringWriter pem = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
			writer.writeObject(this.certificate);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return pem.toString();
	}

	/**
	 * Return a server context that presents the certificate.
	 * @return the SSL context
	 */
	SSLContext serverContext() {
		try {
			KeyStore keyStore = KeyStore.getInstance("PKCS12");
			keyStore.load(null, null);
			keyStore.setKeyEntry("local-idp", this.keyPair.getPrivate(), KEY_STORE_PASSWORD,
					new X509Certificate[] { this.certificate });
			KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
			keyManagers.init(keyStore, KEY_STORE_PASSWORD);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(keyManagers.getKeyManagers(), null, null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Unable to create the server SSL context", ex);
		}
	}

	/**
	 * Return a client context that trusts the certificate and nothing else.
	 * @return the SSL context
	 */
	SSLContext trustingContext() {
		try {
			KeyStore trustStore = KeyStore.getInstance("PKCS12");
			trustStore.load(null, null);
			trustStore.setCertificateEntry("local-idp", this.certificate);
			TrustManagerFactory trustManagers = TrustManagerFactory
				.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			trustManagers.init(trustStore);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, trustManagers.getTrustManagers(), null);
			return context;
		}
		catch (GeneralSecurityException | IOException ex) {
			throw new IllegalStateException("Unable to create the client SSL context", ex);
		}
	}

}
