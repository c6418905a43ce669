package dev.desktopidentity.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.jspecify.annotations.Nullable;

/**
 * The provider's listeners on 127.0.0.1, HTTPS and optionally plain HTTP for the browser
 * pages, served by a small pool of daemon threads named {@code local-idp-N}.
 */
final class Listeners {

	private static final int THREADS = 8;

	private static final AtomicInteger threadNumber = new AtomicInteger();

	private final HttpsServer https;

	private final @Nullable HttpServer frontChannel;

	private final ThreadPoolExecutor executor;

	private Listeners(HttpsServer https, @Nullable HttpServer frontChannel, ThreadPoolExecutor executor) {
		this.https = https;
		this.frontChannel = frontChannel;
		this.executor = executor;
	}

	/**
	 * Bind the configured port, else the port of a provider's last run while it is free,
	 * else a free one.
	 * @param port the configured port, or 0
	 * @param lastPort the port of the last run, or 0
	 * @param frontChannel whether to serve the plain HTTP front channel too
	 * @param sslContext the server's SSL context
	 * @return the listeners, not yet started
	 */
	static Listeners bind(int port, int lastPort, boolean frontChannel, SSLContext sslContext) {
		if (port == 0 && lastPort != 0) {
			try {
				return bind(lastPort, frontChannel, sslContext);
			}
			catch (UncheckedIOException ex) {
				// taken by another process: another port, another issuer; tokens refresh
			}
		}
		return bind(port, frontChannel, sslContext);
	}

	static Listeners bind(int port, boolean frontChannel, SSLContext sslContext) {
		InetAddress loopback = InetAddress.getLoopbackAddress();
		HttpsServer https = null;
		try {
			https = HttpsServer.create(new InetSocketAddress(loopback, port), 0);
			https.setHttpsConfigurator(new HttpsConfigurator(sslContext));
			HttpServer front = frontChannel ? HttpServer.create(new InetSocketAddress(loopback, 0), 0) : null;
			return new Listeners(https, front, executor());
		}
		catch (IOException ex) {
			if (https != null) {
				https.stop(0);
			}
			throw new UncheckedIOException("Unable to listen on 127.0.0.1:" + port, ex);
		}
	}

	private static ThreadPoolExecutor executor() {
		ThreadFactory threads = (runnable) -> {
			Thread thread = new Thread(runnable, "local-idp-" + threadNumber.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), threads);
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	int httpsPort() {
		return this.https.getAddress().getPort();
	}

	@Nullable Integer frontChannelPort() {
		return (this.frontChannel != null) ? this.frontChannel.getAddress().getPort() : null;
	}

	void start(HttpHandler secureHandler, HttpHandler frontChannelHandler) {
		this.https.createContext("/", secureHandler);
		this.https.setExecutor(this.executor);
		this.https.start();
		if (this.frontChannel != null) {
			this.frontChannel.createContext("/", frontChannelHandler);
			this.frontChannel.setExecutor(this.executor);
			this.frontChannel.start();
		}
	}

	void stop() {
		this.https.stop(0);
		if (this.frontChannel != null) {
			this.frontChannel.stop(0);
		}
		this.executor.shutdownNow();
	}

}
