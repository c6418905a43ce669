package dev.desktopidentity.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Default levels for third-party loggers that would write the user's tokens, or repeat
 * what the starter already reports, as Spring Boot's own logging configuration quiets
 * noisy loggers: added as the lowest-precedence {@code logging.level.*} properties, so a
 * level the application sets for one of these loggers (or its logging group) wins.
 * <p>
 * The HTTP clients that Spring Boot picks for {@code RestClient} log every request header,
 * the bearer token included, at {@code DEBUG}: Apache HttpClient 5 ({@code headers},
 * {@code wire}, and {@code hpack} for HTTP/2), Jetty ({@code HttpSender},
 * {@code HttpGenerator}, {@code hpack}) and {@code HttpURLConnection}; the JDK
 * {@code HttpClient} logs requests and bodies at {@code INFO} once the system property
 * {@code jdk.httpclient.HttpClient.log} is set. They stay quiet even when the root level
 * is {@code TRACE}; when they would otherwise have logged, one {@code INFO} line at
 * start-up names them and the property that turns them back on.
 * <p>
 * MSAL4J logs a {@code WARN} line with a correlation ID for every failed request, also
 * for expected outcomes (a refresh token that has expired, so the user signs in again)
 * and for failures that the starter reports itself, and {@code INFO} lines for routine
 * events (a token refreshed, an identity provider that does not echo the correlation ID);
 * at default levels its client logs only errors and the rest only warnings. A level set
 * for any MSAL4J logger, or {@code DEBUG} or finer for the root logger, keeps everything
 * it logs.
 */
class IdentityLoggingEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "desktopIdentityLoggingDefaults";

	private static final String JDK_HTTP_CLIENT_LOGGER = "jdk.httpclient.HttpClient";

	private static final String HTTP_COMPONENTS = "org.apache.hc.client5.http.impl.classic.HttpClients";

	private static final String JETTY = "org.eclipse.jetty.client.HttpClient";

	/** Loggers that write request headers or bodies. */
	static final List<TokenLogger> TOKEN_LOGGERS = List.of(
			new TokenLogger("org.apache.hc.client5.http.headers", "DEBUG", HTTP_COMPONENTS),
			new TokenLogger("org.apache.hc.client5.http.wire", "DEBUG", HTTP_COMPONENTS),
			new TokenLogger("org.apache.hc.client5.http2.hpack", "DEBUG", HTTP_COMPONENTS),
			new TokenLogger("org.eclipse.jetty.client.transport.HttpSender", "DEBUG", JETTY),
			new TokenLogger("org.eclipse.jetty.http.HttpGenerator", "DEBUG", JETTY),
			new TokenLogger("org.eclipse.jetty.http2.hpack", "DEBUG", JETTY),
			new TokenLogger("sun.net.www.protocol.http.HttpURLConnection", "DEBUG", null),
			new TokenLogger(JDK_HTTP_CLIENT_LOGGER, "INFO", null));

	/** MSAL4J's loggers and the level they keep at default levels. */
	static final Map<String, String> MSAL_LOGGERS = Map.of("com.microsoft.aad.msal4j", "WARN",
			"com.microsoft.aad.msal4j.PublicClientApplication", "ERROR");

	private static final Set<String> VERBOSE = Set.of("DEBUG", "TRACE", "ALL");

	private final Log logger;

	IdentityLoggingEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(IdentityLoggingEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		// after the application's configuration files have been read
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		LoggingLevels levels = new LoggingLevels(Binder.get(environment));
		Map<String, Object> defaults = new LinkedHashMap<>();
		List<String> quieted = new ArrayList<>();
		ClassLoader classLoader = application.getClassLoader();
		for (TokenLogger logger : TOKEN_LOGGERS) {
			if (levels.isSet(logger.name())) {
				continue;
			}
			boolean jdkHttpClient = JDK_HTTP_CLIENT_LOGGER.equals(logger.name());
			defaults.put("logging.level." + logger.name(), jdkHttpClient ? "WARN" : "INFO");
			boolean wouldLog = jdkHttpClient ? System.getProperty("jdk.httpclient.HttpClient.log") != null
					: levels.isVerbose(logger.name());
			if (wouldLog && (logger.library() == null || ClassUtils.isPresent(logger.library(), classLoader))) {
				quieted.add("logging.level." + logger.name() + "=" + logger.enablingLevel());
			}
		}
		if (!levels.isSetForAny(MSAL_LOGGERS.keySet()) && !levels.isVerbose("com.microsoft.aad.msal4j")) {
			MSAL_LOGGERS.forEach((name, level) -> defaults.put("logging.level." + name, level));
		}
		environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, defaults));
		if (!quieted.isEmpty()) {
			this.logger.info("HTTP client loggers that would write access tokens stay quiet: set "
					+ String.join(", ", quieted) + " to log requests with their tokens anyway");
		}
	}

	/**
	 * A logger that writes request headers or bodies.
	 *
	 * @param name the logger name
	 * @param enablingLevel the level at which it logs them
	 * @param library a class of the library it belongs to, or {@code null} for the JDK's
	 */
	record TokenLogger(String name, String enablingLevel, @Nullable String library) {

	}

	/**
	 * The {@code logging.level.*} and {@code logging.group.*} properties as the
	 * application set them.
	 */
	private static final class LoggingLevels {

		private final Map<String, String> levels;

		private final Map<String, List<String>> groups;

		LoggingLevels(Binder binder) {
			this.levels = new LinkedHashMap<>();
			binder.bind("logging.level", Bindable.mapOf(String.class, String.class))
				.orElse(Map.of())
				.forEach((name, level) -> this.levels.put(name.toLowerCase(Locale.ROOT), level));
			this.groups = binder.bind("logging.group", Bindable.mapOf(String.class, String.class))
				.map(LoggingLevels::members)
				.orElse(Map.of());
		}

		private static Map<String, List<String>> members(Map<String, String> groups) {
			Map<String, List<String>> members = new LinkedHashMap<>();
			groups.forEach((group, loggers) -> members.put(group.toLowerCase(Locale.ROOT),
					List.of(loggers.toLowerCase(Locale.ROOT).split("\\s*,\\s*"))));
			return members;
		}

		/**
		 * Return whether the application set a level for the logger itself or for a
		 * logging group that has it.
		 */
		boolean isSet(String logger) {
			String name = logger.toLowerCase(Locale.ROOT);
			if (this.levels.containsKey(name)) {
				return true;
			}
			return this.groups.entrySet()
				.stream()
				.anyMatch((group) -> group.getValue().contains(name) && this.levels.containsKey(group.getKey()));
		}

		/**
		 * Return whether the application set a level for any of the loggers.
		 */
		boolean isSetForAny(Set<String> loggers) {
			return loggers.stream().anyMatch(this::isSet);
		}

		/**
		 * Return whether the levels set make the logger log at {@code DEBUG} or finer:
		 * the level of its nearest ancestor that has one, else of the root logger.
		 */
		boolean isVerbose(String logger) {
			String name = logger.toLowerCase(Locale.ROOT);
			while (true) {
				String level = this.levels.get(name);
				if (level != null) {
					return VERBOSE.contains(level.trim().toUpperCase(Locale.ROOT));
				}
				int dot = name.lastIndexOf('.');
				if (dot == -1) {
					String root = this.levels.get("root");
					return root != null && VERBOSE.contains(root.trim().toUpperCase(Locale.ROOT));
				}
				name = name.substring(0, dot);
			}
		}

	}

}
