package dev.desktopidentity.signin;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.desktopidentity.AccessToken;
import dev.desktopidentity.InteractiveTokenProvider;
import dev.desktopidentity.SignedInAccount;
import dev.desktopidentity.TokenAcquisitionException;
import dev.desktopidentity.autoconfigure.IdentityAutoConfiguration;

import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Main class of the child JVMs that need a token at the same time: a run of an
 * application with the auto-configured provider, a persistent token cache in the given
 * directory and the console notifier on standard output. The test plays the browser (the
 * launcher prints {@code OPEN <url>}) or the other device ({@code DEVICE_CODE <code>}).
 * Prints events with their wall-clock time; never a token, only its SHA-256.
 * <p>
 * Arguments: cache directory, authority, PEM file of the provider's certificate, mode
 * ({@code browser} or {@code device-code}), interactive timeout.
 */
final class SharedSignInProcess {

	static final String CLIENT_ID = "shared-sign-in-client";

	private SharedSignInProcess() {
	}

	public static void main(String[] args) throws Exception {
		PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("identity.client-id", CLIENT_ID);
		properties.put("identity.scopes", "api://local-test/read");
		properties.put("identity.authority", args[1]);
		// the local identity provider answers as Microsoft Entra ID does, on a host that is not Microsoft's
		properties.put("identity.authority-kind", "entra-id");
		properties.put("identity.instance-discovery", "false");
		properties.put("identity.ssl-bundle", "idp");
		properties.put("spring.ssl.bundle.pem.idp.truststore.certificate", Files.readString(Path.of(args[2])));
		properties.put("identity.cache.location", args[0]);
		properties.put("identity.cache.protection", "none");
		properties.put("identity.interactive.mode", args[3]);
		properties.put("identity.interactive.timeout", args[4]);
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
		context.registerBean(BrowserLauncher.class, () -> (url) -> out.println("OPEN " + url));
		context.registerBean(SignInNotifier.class, () -> new EventNotifier(out));
		context.register(IdentityAutoConfiguration.class, SslAutoConfiguration.class);
		context.refresh();
		out.println("READY " + ProcessHandle.current().pid());
		try {
			AccessToken token = context.getBean(InteractiveTokenProvider.class).getToken();
			out.println("TOKEN " + System.currentTimeMillis() + " " + sha256(token.getTokenValue()) + " "
					+ token.getSource());
		}
		catch (TokenAcquisitionException ex) {
			out.println("FAILED " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
			System.exit(2);
		}
		System.exit(0);
	}

	static String sha256(String text) throws Exception {
		return HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * The console notifier, and the events the test checks.
	 */
	private static final class EventNotifier extends ConsoleSignInNotifier {

		private final PrintStream out;

		EventNotifier(PrintStream out) {
			super(out, false);
			this.out = out;
		}

		@Override
		public void waitingForOtherProcess(long processId) {
			super.waitingForOtherProcess(processId);
			this.out.println("EVENT WAITING " + processId + " " + System.currentTimeMillis());
		}

		@Override
		public void deviceCode(DeviceCodeChallenge challenge) {
			super.deviceCode(challenge);
			this.out.println("DEVICE_CODE " + challenge.userCode());
		}

		@Override
		public void signedIn(SignedInAccount account) {
			this.out.println("EVENT SIGNED_IN " + System.currentTimeMillis());
			super.signedIn(account);
		}

	}

}
