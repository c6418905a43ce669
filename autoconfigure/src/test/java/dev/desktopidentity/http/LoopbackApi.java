package dev.desktopidentity.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jspecify.annotations.Nullable;

/**
 * An API on a JDK {@link HttpServer} bound to loopback: records the path and
 * {@code Authorization} header of every request and answers as the test scripts it
 * (200 "ok" unless told otherwise).
 */
final class LoopbackApi implements AutoCloseable {

	private final HttpServer server;

	private final List<Call> calls = new CopyOnWriteArrayList<>();

	private final AtomicReference<Function<Call, Answer>> answers = new AtomicReference<>(Answer.OK);

	private LoopbackApi(HttpServer server) {
		this.server = server;
	}

	static LoopbackApi start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			LoopbackApi api = new LoopbackApi(server);
			server.createContext("/", api::handle);
			server.setExecutor(Executors.newCachedThreadPool((task) -> {
				Thread thread = new Thread(task, "loopback-api");
				thread.setDaemon(true);
				return thread;
			}));
			server.start();
			return api;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the origin, {@code http://127.0.0.1:<port>}.
	 */
	URI origin() {
		return URI.create("http://" + this.server.getAddress().getAddress().getHostAddress() + ":"
				+ this.server.getAddress().getPort());
	}

	URI url(String path) {
		return URI.create(origin() + path);
	}

	List<Call> calls() {
		return List.copyOf(this.calls);
	}

	void answer(Function<Call, Answer> answers) {
		this.answers.set(answers);
	}

	void reset() {
		this.calls.clear();
		this.answers.set(Answer.OK);
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			exchange.getRequestBody().readAllBytes();
			Call call = new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("Authorization"), this.calls.size() + 1,
					exchange.getRequestURI().getRawPath());
			this.calls.add(call);
			Answer answer = this.answers.get().apply(call);
			answer.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
			byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(answer.status(), (body.length > 0) ? body.length : -1);
			if (body.length > 0) {
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			}
		}
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/**
	 * A request the API received.
	 * @param method the method
	 * @param path the path
	 * @param authorization the {@code Authorization} header, or {@code null}
	 * @param number the number of the request since the last reset, from 1
	 * @param rawPath the path as sent, still encoded
	 */
	record Call(String method, String path, @Nullable String authorization, int number, String rawPath) {

	}

	/**
	 * What the API answers.
	 * @param status the status
	 * @param headers the response headers
	 * @param body the body
	 */
	record Answer(int status, Map<String, String> headers, String body) {

		static final Function<Call, Answer> OK = (call) -> ok();

		static Answer ok() {
			return new Answer(200, Map.of("Content-Type", "text/plain"), "ok");
		}

		static Answer unauthorized(String wwwAuthenticate) {
			return new Answer(401, Map.of("WWW-Authenticate", wwwAuthenticate), "");
		}

		static Answer redirect(URI location) {
			return new Answer(302, Map.of("Location", location.toString()), "");
		}

	}

}
