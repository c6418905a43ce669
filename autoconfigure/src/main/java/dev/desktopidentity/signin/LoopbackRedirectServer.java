package dev.desktopidentity.signin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.desktopidentity.signin.RedirectConnection.Phase;
import dev.desktopidentity.signin.RedirectRequestReader.Rejected;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The loop that serves a {@link LoopbackRedirectReceiver}'s listening sockets and
 * connections on one thread, without blocking on any of them.
 * <p>
 * A purpose-built server rather than the JDK's {@code com.sun.net.httpserver}, whose
 * limits cannot be set per server (its request timeouts and connection limits are
 * JVM-wide system properties), whose handlers block a thread for as long as a client
 * takes to send its request, and which logs every request line, authorization code
 * included, to the {@code System.Logger} "com.sun.net.httpserver". Here, every
 * connection is read as its bytes arrive, so no number of slow or idle connections
 * delays another; a connection that has not sent its request within
 * {@link Limits#requestTimeout()} is closed; at most {@link Limits#maxConnections()} are
 * open, the oldest closed to make room; and the only log lines are the method, path and
 * status of each request.
 */
final class LoopbackRedirectServer implements Runnable {

	private static final Log logger = LogFactory.getLog(LoopbackRedirectReceiver.class);

	/** New connections accepted per round, so that the bytes of open ones are read in between. */
	private static final int ACCEPTS_PER_ROUND = 16;

	/** How long to keep reading after the answer for the client to close. */
	private static final Duration DRAIN_TIME = Duration.ofSeconds(2);

	private final Selector selector;

	private final List<ServerSocketChannel> listeners;

	private final LoopbackRedirectHandler handler;

	private final CompletableFuture<AuthorizationResponse> response;

	private final Limits limits;

	private final Set<RedirectConnection> connections = new LinkedHashSet<>();

	private final ByteBuffer scratch = ByteBuffer.allocate(16 * 1024);

	private volatile boolean stopping;

	LoopbackRedirectServer(List<ServerSocketChannel> listeners, LoopbackRedirectHandler handler,
			CompletableFuture<AuthorizationResponse> response, Limits limits) throws IOException {
		this.selector = Selector.open();
		this.listeners = listeners;
		this.handler = handler;
		this.response = response;
		this.limits = limits;
		try {
			for (ServerSocketChannel listener : listeners) {
				listener.configureBlocking(false);
				listener.register(this.selector, SelectionKey.OP_ACCEPT);
			}
		}
		catch (IOException | RuntimeException ex) {
			release();
			throw ex;
		}
	}

	@Override
	public void run() {
		try {
			while (!this.stopping) {
				this.selector.select(untilNextDeadline());
				serveSelected();
				closeExpired();
			}
		}
		catch (ClosedSelectorException ex) {
			// closed by the receiver
		}
		catch (IOException | RuntimeException ex) {
			if (!this.stopping) {
				logger.debug("The sign-in redirect receiver failed", ex);
				this.response.completeExceptionally(new RedirectResponseException(
						"Stopped listening for the sign-in redirect after an error: " + ex.getMessage()));
			}
		}
		finally {
			for (RedirectConnection connection : List.copyOf(this.connections)) {
				connection.close(this);
			}
			this.connections.clear();
			release();
		}
	}

	/**
	 * Stop serving: the loop closes every connection and listener and ends.
	 */
	void stop() {
		this.stopping = true;
		this.selector.wakeup();
	}

	/**
	 * Close the listening sockets and the selector, freeing the port, whether or not the
	 * loop still runs.
	 */
	void release() {
		for (ServerSocketChannel listener : this.listeners) {
			try {
				listener.close();
			}
			catch (IOException ex) {
				// closed as far as it can be
			}
		}
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			// closed as far as it can be
		}
	}

	private long untilNextDeadline() {
		long now = System.nanoTime();
		long wait = TimeUnit.SECONDS.toNanos(1);
		for (RedirectConnection connection : this.connections) {
			wait = Math.min(wait, connection.deadline() - now);
		}
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait) + 1);
	}

	private void serveSelected() throws IOException {
		Set<SelectionKey> selected = this.selector.selectedKeys();
		List<ServerSocketChannel> acceptable = new ArrayList<>(this.listeners.size());
		for (SelectionKey key : selected) {
			if (key.attachment() instanceof RedirectConnection connection) {
				serve(connection, key);
			}
			else if (key.isValid() && key.isAcceptable()) {
				acceptable.add((ServerSocketChannel) key.channel());
			}
		}
		selected.clear();
		for (ServerSocketChannel listener : acceptable) {
			accept(listener);
		}
	}

	private void serve(RedirectConnection connection, SelectionKey key) {
		boolean open = true;
		try {
			if (key.isValid() && key.isReadable()) {
				open = connection.read(this.scratch, this);
			}
			if (open && key.isValid() && key.isWritable()) {
				open = connection.write(this);
			}
		}
		catch (IOException ex) {
			open = false;
		}
		catch (RuntimeException ex) {
			// one request must not stop the receiver for the others
			logger.debug("Could not answer a request to the sign-in redirect", ex);
			open = false;
		}
		if (!open) {
			close(connection);
		}
	}

	private void accept(ServerSocketChannel listener) throws IOException {
		for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
			SocketChannel channel;
			try {
				channel = listener.accept();
			}
			catch (IOException ex) {
				// out of file descriptors, for one: free one and go on serving
				logger.debug("Could not accept a connection to the sign-in redirect", ex);
				if (!this.connections.isEmpty()) {
					close(this.connections.iterator().next());
				}
				return;
			}
			if (channel == null) {
				return;
			}
			if (this.connections.size() >= this.limits.maxConnections()) {
				RedirectConnection oldest = this.connections.iterator().next();
				logger.debug("Closing the oldest connection to the sign-in redirect: "
						+ this.limits.maxConnections() + " are open");
				close(oldest);
			}
			try {
				channel.configureBlocking(false);
				SelectionKey key = channel.register(this.selector, SelectionKey.OP_READ);
				RedirectConnection connection = new RedirectConnection(channel, key,
						System.nanoTime() + this.limits.requestTimeout().toNanos());
				key.attach(connection);
				this.connections.add(connection);
			}
			catch (IOException ex) {
				channel.close();
			}
		}
	}

	private void closeExpired() {
		long now = System.nanoTime();
		for (Iterator<RedirectConnection> iterator = this.connections.iterator(); iterator.hasNext();) {
			RedirectConnection connection = iterator.next();
			if (now - connection.deadline() >= 0) {
				iterator.remove();
				if (connection.phase() == Phase.READING && logger.isDebugEnabled()) {
					logger.debug("Closing a connection to the sign-in redirect that sent no complete request within "
							+ this.limits.requestTimeout().toMillis() + " ms");
				}
				connection.close(this);
			}
		}
	}

	private void close(RedirectConnection connection) {
		this.connections.remove(connection);
		connection.close(this);
	}

	RedirectReply answer(RedirectRequest request) {
		RedirectReply reply = this.handler.reply(request);
		if (logger.isDebugEnabled()) {
			logger.debug(request + " -> " + reply.status()
					+ ((reply.ignored() != null) ? " (ignored: " + reply.ignored() + ")" : ""));
		}
		return reply;
	}

	RedirectReply rejected(Rejected rejection) {
		if (logger.isDebugEnabled()) {
			logger.debug("Rejected a request to the sign-in redirect -> " + rejection.status());
		}
		return RedirectReply.page(rejection.status(), rejection.title(), rejection.getMessage());
	}

	long writeDeadline() {
		return System.nanoTime() + this.limits.requestTimeout().toNanos();
	}

	long drainDeadline() {
		return System.nanoTime() + DRAIN_TIME.toNanos();
	}

	void complete(AuthorizationResponse delivered) {
		this.response.complete(delivered);
	}

	/**
	 * How long a connection may take to send its request, and how many may be open.
	 *
	 * @param requestTimeout the time from accepting a connection to its complete request
	 * @param maxConnections the connections open at most
	 */
	record Limits(Duration requestTimeout, int maxConnections) {

		static final Limits DEFAULT = new Limits(Duration.ofSeconds(10), 64);

	}

}
