package dev.desktopidentity.signin;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

import dev.desktopidentity.signin.RedirectRequestReader.Rejected;
import org.jspecify.annotations.Nullable;

/**
 * One connection to the loopback redirect receiver, served without blocking by the
 * receiver's one thread: it reads one request, sends one answer, then closes after
 * reading what the client still sends (so that the client sees the answer rather than a
 * reset). Every phase has a deadline, after which {@link LoopbackRedirectServer} closes
 * the connection.
 */
final class RedirectConnection {

	private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	/** Most bytes read and dropped after the answer before closing anyway. */
	private static final int MAX_DRAINED = 256 * 1024;

	private final SocketChannel channel;

	private final SelectionKey key;

	private final RedirectRequestReader reader = new RedirectRequestReader();

	private Phase phase = Phase.READING;

	private long deadline;

	private @Nullable ByteBuffer output;

	private @Nullable AuthorizationResponse delivered;

	private int drained;

	RedirectConnection(SocketChannel channel, SelectionKey key, long deadline) {
		this.channel = channel;
		this.key = key;
		this.deadline = deadline;
	}

	Phase phase() {
		return this.phase;
	}

	long deadline() {
		return this.deadline;
	}

	/**
	 * Read what has arrived and, once the request is complete or rejected, start sending
	 * the answer.
	 * @param scratch a buffer to read into
	 * @param server the server that decides the answer
	 * @return whether the connection stays open
	 * @throws IOException if the connection failed
	 */
	boolean read(ByteBuffer scratch, LoopbackRedirectServer server) throws IOException {
		scratch.clear();
		int count = this.channel.read(scratch);
		if (count == -1) {
			if (this.phase != Phase.WRITING) {
				return false;
			}
			this.key.interestOps(SelectionKey.OP_WRITE);
			return true;
		}
		scratch.flip();
		if (this.phase == Phase.DRAINING) {
			this.drained += count;
			return this.drained <= MAX_DRAINED;
		}
		if (this.phase == Phase.WRITING) {
			return true;
		}
		RedirectRequest request;
		try {
			request = this.reader.append(scratch);
		}
		catch (Rejected ex) {
			return answer(server.rejected(ex), false, server);
		}
		if (request == null) {
			return !this.reader.takeContinue() || this.channel.write(ByteBuffer.wrap(CONTINUE)) == CONTINUE.length;
		}
		return answer(server.answer(request), "HEAD".equals(request.method()), server);
	}

	private boolean answer(RedirectReply reply, boolean headRequest, LoopbackRedirectServer server)
			throws IOException {
		this.output = ByteBuffer.wrap(reply.toBytes(headRequest));
		this.delivered = reply.response();
		this.phase = Phase.WRITING;
		this.deadline = server.writeDeadline();
		this.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
		return write(server);
	}

	/**
	 * Send what is left of the answer; once it is sent, complete the sign-in if it
	 * delivered the authorization response, and wait for the client to close.
	 * @param server the server
	 * @return whether the connection stays open
	 * @throws IOException if the connection failed
	 */
	boolean write(LoopbackRedirectServer server) throws IOException {
		ByteBuffer output = this.output;
		if (output == null) {
			return true;
		}
		this.channel.write(output);
		if (output.hasRemaining()) {
			return true;
		}
		this.output = null;
		this.channel.shutdownOutput();
		this.phase = Phase.DRAINING;
		this.deadline = server.drainDeadline();
		this.key.interestOps(SelectionKey.OP_READ);
		deliver(server);
		return true;
	}

	/**
	 * Close the connection; an authorization response that it delivered completes the
	 * sign-in even if its page could not be sent in full.
	 * @param server the server
	 */
	void close(LoopbackRedirectServer server) {
		this.key.cancel();
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			// closed as far as it can be
		}
		deliver(server);
	}

	private void deliver(LoopbackRedirectServer server) {
		AuthorizationResponse delivered = this.delivered;
		if (delivered != null) {
			this.delivered = null;
			server.complete(delivered);
		}
	}

	/**
	 * What a connection is doing.
	 */
	enum Phase {

		/** Reading the request. */
		READING,

		/** Sending the answer. */
		WRITING,

		/** Reading and dropping what the client still sends, until it closes. */
		DRAINING

	}

}
