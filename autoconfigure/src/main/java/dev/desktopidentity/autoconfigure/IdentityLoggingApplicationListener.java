package dev.desktopidentity.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggerConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;

/**
 * Default levels for third-party loggers that would write the user's tokens, or repeat
 * what the starter already reports, as Spring Boot's own logging configuration quiets
 * noisy loggers: set on the logging system right after Spring Boot has configured it, for
 * the loggers whose level the application has not set itself (with
 * {@code logging.level.*}, a logging group or its logging configuration file), so its
 * levels win.
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
 * for any MSAL4J logger, or {@code DEBUG} or finer for MSAL4J's loggers through an
 * ancestor or the root logger, keeps everything it logs.
 * <p>
 * The levels are set directly rather than as {@code logging.level.*} properties: Spring
 * Boot binds those with its conversion service, which on a cold JVM costs a command-line
 * application tens of milliseconds of start-up for defaults the application did not ask
 * for.
 */
class IdentityLoggingApplicationListener implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	private static final String JDK_HTTP_CLIENT_LOGGER = "jdk.httpclient.HttpClient";

	private static final String HTTP_COMPONENTS = "org.apache.hc.client5.http.impl.classic.HttpClients";

	private static final String JETTY = "org.eclipse.jetty.client.HttpClient";

	/** Loggers that write request headers or bodies. */
	private static final List<TokenLogger> TOKEN_LOGGERS = List.of(
			new TokenLogger("org.apache.hc.client5.http.headers", LogLevel.DEBUG, HTTP_COMPONENTS),
			new TokenLogger("org.apache.hc.client5.http.wire", LogLevel.DEBUG, HTTP_COMPONENTS),
			new TokenLogger("org.apache.hc.client5.http2.hpack", LogLevel.DEBUG, HTTP_COMPONENTS),
			new TokenLogger("org.eclipse.jetty.client.transport.HttpSender", LogLevel.DEBUG, JETTY),
			new TokenLogger("org.eclipse.jetty.http.HttpGenerator", LogLevel.DEBUG, JETTY),
			new TokenLogger("org.eclipse.jetty.http2.hpack", LogLevel.DEBUG, JETTY),
			new TokenLogger("sun.net.www.protocol.http.HttpURLConnection", LogLevel.DEBUG, null),
			new TokenLogger(JDK_HTTP_CLIENT_LOGGER, LogLevel.INFO, null));

	private static final String MSAL_LOGGER = "com.microsoft.aad.msal4j";

	/** MSAL4J's loggers and the level they keep at default levels. */
	private static final Map<String, LogLevel> MSAL_LOGGERS = Map.of(MSAL_LOGGER, LogLevel.WARN,
			"com.microsoft.aad.msal4j.PublicClientApplication", LogLevel.ERROR);

	@Override
	public int getOrder() {
		// right after Spring Boot has configured the logging system and the application's levels
		return LoggingApplicationListener.DEFAULT_ORDER + 1;
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ClassLoader classLoader = event.getSpringApplication().getClassLoader();
		LoggingSystem loggingSystem = LoggingSystem.get(classLoader);
		if (!canTellLevels(loggingSystem)) {
			// as with org.springframework.boot.logging.LoggingSystem=none: the application
			// configures logging by itself
			return;
		}
		List<String> quieted = new ArrayList<>();
		for (TokenLogger logger : TOKEN_LOGGERS) {
			if (isConfigured(loggingSystem, logger.name())) {
				continue;
			}
			boolean jdkHttpClient = JDK_HTTP_CLIENT_LOGGER.equals(logger.name());
			boolean wouldLog = jdkHttpClient ? System.getProperty("jdk.httpclient.HttpClient.log") != null
					: isVerbose(loggingSystem, logger.name());
			loggingSystem.setLogLevel(logger.name(), jdkHttpClient ? LogLevel.WARN : LogLevel.INFO);
			if (wouldLog && (logger.library() == null || ClassUtils.isPresent(logger.library(), classLoader))) {
				quieted.add("logging.level." + logger.name() + "=" + logger.enablingLevel());
			}
		}
		if (MSAL_LOGGERS.keySet().stream().noneMatch((name) -> isConfigured(loggingSystem, name))
				&& !isVerbose(loggingSystem, MSAL_LOGGER)) {
			MSAL_LOGGERS.forEach(loggingSystem::setLogLevel);
		}
		if (!quieted.isEmpty()) {
			Log log = LogFactory.getLog(IdentityLoggingApplicationListener.class);
			log.info("HTTP client loggers that would write access tokens stay quiet: set " + String.join(", ", quieted)
					+ " to log requests with their tokens anyway");
		}
	}

	private static boolean canTellLevels(LoggingSystem loggingSystem) {
		try {
			return loggingSystem.getLoggerConfiguration(LoggingSystem.ROOT_LOGGER_NAME) != null;
		}
		catch (UnsupportedOperationException ex) {
			return false;
		}
	}

	/**
	 * Return whether the logger has a level of its own, from the application's
	 * {@code logging.level.*} properties, a logging group or its logging configuration.
	 */
	private static boolean isConfigured(LoggingSystem loggingSystem, String name) {
		LoggerConfiguration configuration = loggingSystem.getLoggerConfiguration(name);
		return configuration != null && configuration.getConfiguredLevel() != null;
	}

	/**
	 * Return whether the logger logs at {@code DEBUG} or finer: the level of the nearest
	 * of its ancestors that the logging system knows, else of the root logger.
	 */
	private static boolean isVerbose(LoggingSystem loggingSystem, String name) {
		String candidate = name;
		LoggerConfiguration configuration = loggingSystem.getLoggerConfiguration(candidate);
		while (configuration == null && !candidate.equals(LoggingSystem.ROOT_LOGGER_NAME)) {
			int dot = candidate.lastIndexOf('.');
			candidate = (dot != -1) ? candidate.substring(0, dot) : LoggingSystem.ROOT_LOGGER_NAME;
			configuration = loggingSystem.getLoggerConfiguration(candidate);
		}
		LogLevel level = (configuration != null) ? configuration.getEffectiveLevel() : null;
		return level != null && level.ordinal() <= LogLevel.DEBUG.ordinal();
	}

	/**
	 * A logger that writes request headers or bodies.
	 *
	 * @param name the logger name
	 * @param enablingLevel the level at which it logs them
	 * @param library a class of the library it belongs to, or {@code null} for the JDK's
	 */
	record TokenLogger(String name, LogLevel enablingLevel, @Nullable String library) {

	}

}
