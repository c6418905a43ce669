package dev.desktopidentity.signin;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.desktopidentity.signin.LoopbackRedirectServer.Limits;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * Receives the authorization response that the identity provider sends back through the
 * user's browser to a loopback redirect URI (RFC 8252 section 7.3), as a query
 * ({@code response_mode=query}) or a form post ({@code response_mode=form_post}).
 * <p>
 * Listens on {@code 127.0.0.1} (and {@code [::1]} on the same port when the redirect URI
 * names {@code localhost}), never on all interfaces, from the moment
 * {@link #start(URI, String, RedirectPages) start} returns until {@link #close()}. Only
 * requests addressed to a loopback host name are answered. {@link #response()} completes
 * with the first request to the redirect path whose {@code state} is the expected one and
 * that carries a code or an error, once the page for it has been sent. Every other
 * request is answered with a page and ignored: another local process or a web page can
 * neither end nor spoil the sign-in without the {@code state}. Connections are served
 * at once and side by side by one thread (see {@link LoopbackRedirectServer}), so slow or
 * idle ones delay nothing; each must send its request within 10 seconds.
 * <pre class="code">
 * try (LoopbackRedirectReceiver receiver = LoopbackRedirectReceiver.start(URI.create("http://localhost"), state,
 *         RedirectPages.defaults("Contoso CLI"))) {
 *     browserLauncher.open(authorizationRequest(receiver.redirectUri(), state));
 *     AuthorizationResponse response = receiver.response().get(5, TimeUnit.MINUTES);
 * }
 * </pre>
 * Stages added to {@link #response()} before it completes run on the receiver's thread
 * and should not block.
 *
 * @since 0.1.0
 */
final class LoopbackRedirectReceiver implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(LoopbackRedirectReceiver.class);

	private static final int EPHEMERAL_PORT_ATTEMPTS = 5;

	private static final int BACKLOG = 64;

	/** How long closing waits for the receiver's thread, which may be sending a page. */
	private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

	private final URI redirectUri;

	private final LoopbackRedirectServer server;

	private final Thread thread;

	private final CompletableFuture<AuthorizationResponse> response;

	private final AtomicBoolean closed = new AtomicBoolean();

	private LoopbackRedirectReceiver(URI redirectUri, LoopbackRedirectServer server, Thread thread,
			CompletableFuture<AuthorizationResponse> response) {
		this.redirectUri = redirectUri;
		this.server = server;
		this.thread = thread;
		this.response = response;
	}

	/**
	 * Start listening for the authorization response.
	 * @param redirectUri the loopback redirect URI: {@code http://localhost},
	 * {@code http://127.0.0.1} or {@code http://[::1]} with an optional port (none or
	 * {@code 0} for a free one) and path
	 * @param expectedState the {@code state} sent in the authorization request
	 * @param pages what to show in the browser once the response has arrived
	 * @return a receiver that is listening
	 * @throws IOException if the port could not be bound, for example because it is in use
	 * @throws IllegalArgumentException if {@code redirectUri} is not a loopback redirect
	 * URI
	 */
	public static LoopbackRedirectReceiver start(URI redirectUri, String expectedState, RedirectPages pages)
			throws IOException {
		return start(redirectUri, expectedState, pages, Limits.DEFAULT);
	}

	static LoopbackRedirectReceiver start(URI redirectUri, String expectedState, RedirectPages pages, Limits limits)
			throws IOException {
		Assert.notNull(redirectUri, "'redirectUri' must not be null");
		Assert.hasLength(expectedState, "'expectedState' must not be empty");
		Assert.notNull(pages, "'pages' must not be null");
		LoopbackRedirectUri loopback = LoopbackRedirectUri.of(redirectUri);
		List<ServerSocketChannel> listeners = bind(loopback);
		int port = ((InetSocketAddress) listeners.get(0).getLocalAddress()).getPort();
		URI boundRedirectUri = loopback.withPort(port);
		CompletableFuture<AuthorizationResponse> response = new CompletableFuture<>();
		LoopbackRedirectServer server = new LoopbackRedirectServer(listeners,
				new LoopbackRedirectHandler(boundRedirectUri, expectedState, pages), response, limits);
		Thread thread = new Thread(server, "loopback-redirect-" + port);
		thread.setDaemon(true);
		thread.start();
		if (logger.isDebugEnabled()) {
			for (ServerSocketChannel listener : listeners) {
				InetSocketAddress address = (InetSocketAddress) listener.getLocalAddress();
				String host = (address.getAddress().getAddress().length == 4) ? "127.0.0.1" : "[::1]";
				logger.debug("Listening for the sign-in redirect on " + host + ":" + address.getPort());
			}
		}
		return new LoopbackRedirectReceiver(boundRedirectUri, server, thread, response);
	}

	private static List<ServerSocketChannel> bind(LoopbackRedirectUri uri) throws IOException {
		if (uri.port() != 0) {
			return bind(uri, uri.port());
		}
		for (int attempt = 1;; attempt++) {
			try {
				return bind(uri, 0);
			}
			catch (BindException ex) {
				if (attempt == EPHEMERAL_PORT_ATTEMPTS) {
					throw new IOException("Could not find a port that is free on both 127.0.0.1 and [::1]", ex);
				}
			}
		}
	}

	/**
	 * Bind the loopback addresses that the redirect URI's host may resolve to, all on the
	 * same port.
	 * @param uri the redirect URI
	 * @param port the port, {@code 0} for a free one
	 * @return the bound listeners
	 * @throws BindException if the port was free on 127.0.0.1 but not on [::1] and
	 * {@code port} is {@code 0}
	 * @throws IOException if a port that was asked for is in use
	 */
	private static List<ServerSocketChannel> bind(LoopbackRedirectUri uri, int port) throws IOException {
		if (uri.isIpv6()) {
			return List.of(listen(ipv6Loopback(), port));
		}
		ServerSocketChannel ipv4 = listen(ipv4Loopback(), port);
		if (!uri.isLocalhost()) {
			return List.of(ipv4);
		}
		int boundPort = ((InetSocketAddress) ipv4.getLocalAddress()).getPort();
		try {
			return List.of(ipv4, open(ipv6Loopback(), boundPort));
		}
		catch (IOException ex) {
			if (!isIpv6LoopbackAvailable()) {
				logger.debug("IPv6 loopback unavailable; listening for the sign-in redirect on 127.0.0.1 only");
				return List.of(ipv4);
			}
			ipv4.close();
			if (port == 0) {
				throw new BindException("Port " + boundPort + " is in use on [::1]");
			}
			throw inUse("[::1]", port, ex);
		}
	}

	private static ServerSocketChannel listen(InetAddress address, int port) throws IOException {
		try {
			return open(address, port);
		}
		catch (BindException ex) {
			throw inUse((address.getAddress().length == 4) ? "127.0.0.1" : "[::1]", port, ex);
		}
	}

	private static ServerSocketChannel open(InetAddress address, int port) throws IOException {
		ServerSocketChannel channel = ServerSocketChannel
			.open((address.getAddress().length == 4) ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
		try {
			return channel.bind(new InetSocketAddress(address, port), BACKLOG);
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	private static IOException inUse(String host, int port, IOException cause) {
		return new IOException("Cannot listen for the sign-in redirect on " + host + ":" + port
				+ ": the port is in use. Free the port, or leave the port out of the redirect URI to use a free one",
				cause);
	}

	private static boolean isIpv6LoopbackAvailable() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress(ipv6Loopback(), 0));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static InetAddress ipv4Loopback() throws UnknownHostException {
		return InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
	}

	private static InetAddress ipv6Loopback() throws UnknownHostException {
		byte[] address = new byte[16];
		address[15] = 1;
		return InetAddress.getByAddress(address);
	}

	/**
	 * Return the redirect URI to send in the authorization request: the one given to
	 * {@link #start(URI, String, RedirectPages) start}, with the port listened on.
	 * @return the redirect URI
	 */
	public URI redirectUri() {
		return this.redirectUri;
	}

	/**
	 * Return the authorization response, which completes once: normally with the
	 * response that carries the expected {@code state}, with a
	 * {@link CancellationException} when the receiver is closed first, and with a
	 * {@link RedirectResponseException} if the receiver fails.
	 * @return the authorization response
	 */
	public CompletableFuture<AuthorizationResponse> response() {
		return this.response;
	}

	/**
	 * Stop listening and free the port. Completes {@link #response()} with a
	 * {@link CancellationException} if it had not completed.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		// An interrupted caller (sign-in cancelled) must still wait for the port to be
		// released.
		boolean interrupted = Thread.interrupted();
		try {
			this.server.stop();
			if (Thread.currentThread() != this.thread) {
				long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
				long remaining = CLOSE_GRACE.toNanos();
				while (this.thread.isAlive() && remaining > 0) {
					try {
						this.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(remaining)));
					}
					catch (InterruptedException ex) {
						interrupted = true;
					}
					remaining = deadline - System.nanoTime();
				}
			}
			// the thread closes the sockets as it ends; this frees the port even if a stage
			// added to response() keeps it busy
			this.server.release();
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
		this.response.completeExceptionally(new CancellationException("Stopped listening for the sign-in redirect"));
		if (logger.isDebugEnabled()) {
			logger.debug("Stopped listening for the sign-in redirect on port " + this.redirectUri.getPort());
		}
	}

	@Override
	public String toString() {
		return "LoopbackRedirectReceiver [" + this.redirectUri + "]";
	}

}
