package dev.desktopidentity.cache;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.desktopidentity.cache.DBusCodec.Variant;
import org.jspecify.annotations.Nullable;

/**
 * A connection to a D-Bus message bus over its Unix domain socket, authenticated as the
 * user who runs the process, that calls methods one at a time and waits for each reply.
 * It speaks just enough of the D-Bus specification for a client: the {@code EXTERNAL}
 * authentication mechanism, {@code Hello}, method calls, their replies and errors;
 * signals that arrive meanwhile are skipped.
 */
final class DBusConnection implements Closeable {

	private static final byte METHOD_RETURN = 2;

	private static final byte ERROR = 3;

	// A limit far above any reply a client of the Secret Service receives
	private static final int MAX_MESSAGE_BYTES = 1 << 20;

	private final SocketChannel channel;

	private final Selector selector;

	private final SelectionKey key;

	// Of the exchange under way: each call has the whole timeout
	private long deadline;

	private final Duration timeout;

	private int serial;

	private DBusConnection(SocketChannel channel, Duration timeout) throws IOException {
		this.channel = channel;
		this.timeout = timeout;
		this.deadline = System.nanoTime() + timeout.toNanos();
		this.selector = Selector.open();
		channel.configureBlocking(false);
		this.key = channel.register(this.selector, 0);
	}

	/**
	 * Connect to a bus, authenticate, and say hello.
	 * @param socket the bus's socket
	 * @param timeout how long each exchange (authentication, a call and its reply) may wait
	 * for the bus
	 * @return the connection
	 * @throws DBusException if the bus cannot be reached, refuses the connection or does
	 * not answer in time
	 */
	static DBusConnection open(Path socket, Duration timeout) throws DBusException {
		SocketChannel channel = null;
		DBusConnection connection = null;
		try {
			channel = SocketChannel.open(StandardProtocolFamily.UNIX);
			channel.connect(UnixDomainSocketAddress.of(socket));
			connection = new DBusConnection(channel, timeout);
			connection.authenticate();
			connection.call("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus", "Hello", "",
					List.of(), "s");
			return connection;
		}
		catch (IOException | RuntimeException ex) {
			if (connection != null) {
				connection.close();
			}
			closeQuietly(channel);
			if (ex instanceof DBusException dbus) {
				throw dbus;
			}
			throw new DBusException("cannot connect to the D-Bus session bus at " + socket + " (" + ex + ")", null,
					ex);
		}
	}

	private static void closeQuietly(@Nullable SocketChannel channel) {
		try {
			if (channel != null) {
				channel.close();
			}
		}
		catch (IOException ex) {
			// Nothing was sent that needs closing properly
		}
	}

	private void authenticate() throws IOException {
		String uid = currentUid();
		send("\0AUTH EXTERNAL" + ((uid != null) ? " " + HexFormat.of().formatHex(uid.getBytes(StandardCharsets.US_ASCII))
				: "") + "\r\n");
		String answer = receiveLine();
		if (uid == null && answer.startsWith("DATA")) {
			send("DATA\r\n");
			answer = receiveLine();
		}
		if (!answer.startsWith("OK ")) {
			throw new DBusException("the D-Bus session bus refused this user (" + answer + ")");
		}
		send("BEGIN\r\n");
	}

	private static @Nullable String currentUid() {
		try {
			// /proc/self is the process's own directory, owned by its user
			return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
		}
		catch (IOException | RuntimeException ex) {
			// The bus takes the user from the socket's credentials instead
			return null;
		}
	}

	private void send(String line) throws IOException {
		write(ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII)));
	}

	private String receiveLine() throws IOException {
		StringBuilder line = new StringBuilder();
		ByteBuffer one = ByteBuffer.allocate(1);
		while (line.length() < 1024) {
			one.clear();
			readFully(one);
			char c = (char) (one.get(0) & 0xFF);
			if (c == '\n' && line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
				return line.substring(0, line.length() - 1);
			}
			line.append(c);
		}
		throw new DBusException("the D-Bus session bus did not follow the authentication protocol");
	}

	/**
	 * Call a method and wait for its reply.
	 * @param destination the bus name of the service
	 * @param path the object path
	 * @param iface the interface
	 * @param member the method
	 * @param signature the signature of the arguments
	 * @param arguments the arguments
	 * @param replySignature the signature the reply must have
	 * @return the values of the reply
	 * @throws DBusException if the bus cannot be reached, speaks out of protocol, or the
	 * service answers with an error (see {@link DBusException#errorName()})
	 */
	List<Object> call(String destination, String path, String iface, String member, String signature,
			List<?> arguments, String replySignature) throws DBusException {
		int callSerial = ++this.serial;
		this.deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			byte[][] message = DBusEncoder.methodCall(callSerial, destination, path, iface, member, signature, arguments);
			write(ByteBuffer.wrap(message[0]));
			write(ByteBuffer.wrap(message[1]));
			while (true) {
				Reply reply = receive();
				if (reply.replySerial() == callSerial) {
					return reply.values(member, replySignature);
				}
			}
		}
		catch (DBusException ex) {
			throw ex;
		}
		catch (IOException ex) {
			throw new DBusException("the D-Bus session bus closed the connection during " + member + " (" + ex + ")",
					null, ex);
		}
	}

	/**
	 * Rehearse a connection without a bus, so that what one takes from the JDK and from
	 * this class is loaded (see {@link EncryptionRehearsal}): the channel and selector set
	 * up on a socket that is never connected, a method call encoded as {@link #call} would
	 * send it and its header decoded as replies' are.
	 * @param destination the bus name of the service
	 * @param path the object path
	 * @param iface the interface
	 * @param member the method
	 * @param signature the signature of the arguments
	 * @param arguments the arguments
	 * @throws IOException if the JDK cannot create the channel or selector
	 */
	static void rehearse(String destination, String path, String iface, String member, String signature,
			List<?> arguments) throws IOException {
		try (DBusConnection connection = new DBusConnection(SocketChannel.open(StandardProtocolFamily.UNIX),
				Duration.ZERO)) {
			byte[][] message = DBusEncoder.methodCall(1, destination, path, iface, member, signature, arguments);
			new DBusDecoder(ByteBuffer.wrap(message[0]).order(ByteOrder.LITTLE_ENDIAN)).read(DBusCodec.HEADER);
		}
	}

	private Reply receive() throws IOException {
		ByteBuffer fixed = ByteBuffer.allocate(16);
		readFully(fixed);
		ByteOrder order = switch (fixed.get(0)) {
			case 'l' -> ByteOrder.LITTLE_ENDIAN;
			case 'B' -> ByteOrder.BIG_ENDIAN;
			default -> throw new DBusException("the D-Bus session bus sent a message that is not D-Bus");
		};
		fixed.order(order);
		long fieldsLength = Integer.toUnsignedLong(fixed.getInt(12));
		long headerLength = (16 + fieldsLength + 7) / 8 * 8;
		long total = headerLength + Integer.toUnsignedLong(fixed.getInt(4));
		if (fixed.get(3) != 1 || total > MAX_MESSAGE_BYTES) {
			throw new DBusException("the D-Bus session bus sent a message of another version or over "
					+ MAX_MESSAGE_BYTES + " bytes");
		}
		ByteBuffer message = ByteBuffer.allocate((int) total).order(order);
		message.put(fixed.flip());
		readFully(message);
		message.flip();
		List<Object> header = new DBusDecoder(message.duplicate().limit((int) headerLength).order(order))
			.read(DBusCodec.HEADER);
		String errorName = null;
		int replySerial = -1;
		String signature = "";
		for (Object field : (List<?>) header.get(6)) {
			List<?> pair = (List<?>) field;
			Object value = ((Variant) pair.get(1)).value();
			switch ((byte) pair.get(0)) {
				case 4 -> errorName = String.valueOf(value);
				case 5 -> replySerial = (value instanceof Integer number) ? number : -1;
				case 8 -> signature = String.valueOf(value);
				default -> {
				}
			}
		}
		return new Reply((byte) header.get(1), replySerial, errorName, signature,
				message.position((int) headerLength));
	}

	private void write(ByteBuffer buffer) throws IOException {
		while (buffer.hasRemaining()) {
			if (this.channel.write(buffer) == 0) {
				await(SelectionKey.OP_WRITE);
			}
		}
	}

	private void readFully(ByteBuffer buffer) throws IOException {
		while (buffer.hasRemaining()) {
			int read = this.channel.read(buffer);
			if (read < 0) {
				throw new DBusException("the D-Bus session bus closed the connection");
			}
			if (read == 0) {
				await(SelectionKey.OP_READ);
			}
		}
	}

	private void await(int operation) throws IOException {
		long remaining = TimeUnit.NANOSECONDS.toMillis(this.deadline - System.nanoTime());
		if (remaining <= 0) {
			throw new DBusTimeoutException(
					"the D-Bus session bus did not answer within " + this.timeout.toMillis() + " ms");
		}
		this.key.interestOps(operation);
		this.selector.select(remaining);
		this.selector.selectedKeys().clear();
	}

	@Override
	public void close() {
		closeQuietly(this.channel);
		try {
			this.selector.close();
		}
		catch (IOException ex) {
			// It held nothing but this channel
		}
	}

	/**
	 * A message received: a reply to a call if its reply serial says so.
	 */
	private record Reply(byte type, int replySerial, @Nullable String errorName, String signature, ByteBuffer body) {

		List<Object> values(String member, String expected) throws DBusException {
			if (this.type == METHOD_RETURN) {
				// what the caller does not expect is not decoded at all
				if (!this.signature.equals(expected)) {
					throw new DBusException("the answer to " + member + " holds '" + this.signature + "', not '"
							+ expected + "'");
				}
				return new DBusDecoder(this.body).read(this.signature);
			}
			if (this.type == ERROR) {
				List<Object> values = new DBusDecoder(this.body).read(this.signature);
				String text = (!values.isEmpty() && values.get(0) instanceof String message) ? ": " + message : "";
				throw new DBusException(member + " failed with " + this.errorName + text, this.errorName, null);
			}
			throw new DBusException("the D-Bus session bus answered " + member + " with a message of type "
					+ this.type);
		}

	}

}
