package dev.desktopidentity.autoconfigure;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.signin.BrowserLauncher;
import dev.desktopidentity.signin.ConsoleSignInNotifier;
import dev.desktopidentity.signin.SignInNotifier;
import dev.desktopidentity.test.LocalIdentityProvider;
import dev.desktopidentity.test.ScriptedUser;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The README's example of trusting a private certificate authority, run exactly as
 * written: the properties between its {@code private-ca} markers, with only the CA file,
 * the issuer and the API's address pointing at a local identity provider and a local
 * HTTPS API. The API's certificate is issued by a CA made for the test; the PEM file
 * holds that CA and the identity provider's self-signed certificate (its own CA). Leaving
 * out either bundle property makes that connection fail.
 */
class ReadmePrivateCaTests {

	private static final Path README = Path.of("..", "README.md");

	@TempDir
	Path directory;

	private LocalIdentityProvider provider;

	private HttpsServer api;

	private Path caFile;

	@BeforeEach
	void start() throws Exception {
		this.provider = LocalIdentityProvider.builder()
			.strictOidc(true)
			.user("alice@contoso.test", "Passw0rd!", "Alice Example")
			.start();
		KeyPair caKeys = keyPair();
		X509Certificate ca = certificate(new X500Name("CN=Corporate Test CA"), caKeys, new X500Name("CN=Corporate Test CA"),
				caKeys, true);
		KeyPair apiKeys = keyPair();
		X509Certificate apiCertificate = certificate(new X500Name("CN=Corporate Test CA"), caKeys,
				new X500Name("CN=orders"), apiKeys, false);
		this.api = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.api.setHttpsConfigurator(new HttpsConfigurator(serverContext(apiKeys, apiCertificate, ca)));
		this.api.createContext("/api/orders", (exchange) -> {
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			byte[] body = ((authorization != null && authorization.startsWith("Bearer ")) ? "[\"order-1\"]" : "[]")
				.getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders((authorization != null) ? 200 : 401, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.api.start();
		this.caFile = this.directory.resolve("corporate-ca.pem");
		Files.writeString(this.caFile, pem(ca) + this.provider.certificatePem());
	}

	@AfterEach
	void stop() {
		this.api.stop(0);
		this.provider.close();
	}

	@Test
	void readmePropertiesWhenRunThenIdentityProviderAndApiAreBothTrusted() throws Exception {
		List<String> properties = readmeProperties();
		contextRunner(properties).run((context) -> {
			RestClient http = context.getBean(RestClient.Builder.class).build();
			assertThat(http.get().uri(apiUrl() + "/orders").retrieve().body(String.class)).isEqualTo("[\"order-1\"]");
		});
	}

	@Test
	void readmePropertiesWhenHttpClientsBundleLeftOutThenApiIsNotTrusted() throws Exception {
		List<String> properties = without(readmeProperties(), "spring.http.clients.ssl.bundle");
		contextRunner(properties).run((context) -> {
			RestClient http = context.getBean(RestClient.Builder.class).build();
			assertThatExceptionOfType(ResourceAccessException.class)
				.isThrownBy(() -> http.get().uri(apiUrl() + "/orders").retrieve().body(String.class));
		});
	}

	@Test
	void readmePropertiesWhenIdentityBundleLeftOutThenIdentityProviderIsNotTrusted() throws Exception {
		List<String> properties = without(readmeProperties(), "identity.ssl-bundle");
		contextRunner(properties).run((context) -> {
			RestClient http = context.getBean(RestClient.Builder.class).build();
			assertThatExceptionOfType(TokenAcquisitionException.class)
				.isThrownBy(() -> http.get().uri(apiUrl() + "/orders").retrieve().body(String.class))
				.withMessageContaining("is not trusted by the JVM's default trust store");
		});
	}

	private ApplicationContextRunner contextRunner(List<String> properties) {
		ScriptedUser alice = ScriptedUser.of(this.provider, "alice@contoso.test", "Passw0rd!");
		BrowserLauncher launcher = (url) -> CompletableFuture.runAsync(() -> alice.signIn(url).deliver());
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, HttpClientAutoConfiguration.class,
					ImperativeHttpClientAutoConfiguration.class, HttpMessageConvertersAutoConfiguration.class,
					RestClientAutoConfiguration.class, IdentityAutoConfiguration.class,
					IdentityRestClientAutoConfiguration.class))
			.withBean(BrowserLauncher.class, () -> launcher)
			.withBean(SignInNotifier.class,
					() -> new ConsoleSignInNotifier(new PrintStream(OutputStream.nullOutputStream()), false))
			.withPropertyValues(properties.toArray(String[]::new))
			.withPropertyValues("identity.cache.enabled=false");
	}

	/**
	 * Return the README's properties, pointed at the local identity provider and API.
	 */
	private List<String> readmeProperties() throws IOException {
		String readme = Files.readString(README);
		String block = readme.substring(readme.indexOf("<!-- private-ca:start -->"),
				readme.indexOf("<!-- private-ca:end -->"));
		block = block.substring(block.indexOf("```properties") + "```properties".length(), block.lastIndexOf("```"));
		Properties properties = new Properties();
		properties.load(new StringReader(block));
		assertThat(properties).containsKeys("spring.ssl.bundle.pem.corporate-ca.truststore.certificate",
				"identity.ssl-bundle", "spring.http.clients.ssl.bundle");
		List<String> values = new ArrayList<>();
		properties.forEach((name, value) -> values.add(name + "=" + ((String) value)
			.replace("file:/etc/pki/corporate-ca.pem", "file:" + this.caFile)
			.replace("https://sso.corp.example/realms/employees", this.provider.authority())
			.replace("https://orders.corp.example/api", apiUrl())));
		return values;
	}

	private String apiUrl() {
		return "https://127.0.0.1:" + this.api.getAddress().getPort() + "/api";
	}

	private static List<String> without(List<String> properties, String name) {
		return properties.stream().filter((property) -> !property.startsWith(name + "=")).toList();
	}

	private static KeyPair keyPair() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair();
	}

	private static X509Certificate certificate(X500Name issuer, KeyPair issuerKeys, X500Name subject, KeyPair keys,
			boolean ca) throws Exception {
		Instant now = Instant.now();
		JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, new SecureRandom()),
				Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(1))), subject,
				keys.getPublic());
		builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
		if (ca) {
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
		}
		else {
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
		}
		return new JcaX509CertificateConverter()
			.getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
	}

	private static SSLContext serverContext(KeyPair keys, X509Certificate certificate, X509Certificate ca)
			throws Exception {
		char[] password = "api".toCharArray();
		KeyStore keyStore = KeyStore.getInstance("PKCS12");
		keyStore.load(null, null);
		keyStore.setKeyEntry("api", keys.getPrivate(), password, new X509Certificate[] { certificate, ca });
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(keyStore, password);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(keyManagers.getKeyManagers(), null, null);
		return context;
	}

	private static String pem(X509Certificate certificate) throws IOException {
		StringWriter pem = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(pem)) {
			writer.writeObject(certificate);
		}
		return pem.toString();
	}

}
