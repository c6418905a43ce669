package dev.desktopidentity.benchmarks.http;

import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpResponse;

/**
 * A request as an interceptor sees it, and an execution that answers 200 at once, so
 * that a benchmark measures the work before the request leaves.
 */
final class BenchmarkRequest implements HttpRequest {

	static final ClientHttpRequestExecution OK = (request, body) -> Ok.INSTANCE;

	private final URI uri;

	private final HttpHeaders headers = new HttpHeaders();

	private final Map<String, Object> attributes = new HashMap<>();

	BenchmarkRequest(URI uri) {
		this.uri = uri;
		this.headers.set(HttpHeaders.ACCEPT, "application/json");
	}

	/**
	 * Remove the header the previous invocation set, as a new request would not have it.
	 */
	void reset() {
		this.headers.remove(HttpHeaders.AUTHORIZATION);
	}

	@Override
	public HttpMethod getMethod() {
		return HttpMethod.GET;
	}

	@Override
	public URI getURI() {
		return this.uri;
	}

	@Override
	public Map<String, Object> getAttributes() {
		return this.attributes;
	}

	@Override
	public HttpHeaders getHeaders() {
		return this.headers;
	}

	private static final class Ok implements ClientHttpResponse {

		static final Ok INSTANCE = new Ok();

		private static final HttpHeaders HEADERS = new HttpHeaders();

		@Override
		public HttpStatusCode getStatusCode() {
			return HttpStatus.OK;
		}

		@Override
		public String getStatusText() {
			return "OK";
		}

		@Override
		public void close() {
		}

		@Override
		public InputStream getBody() {
			return InputStream.nullInputStream();
		}

		@Override
		public HttpHeaders getHeaders() {
			return HEADERS;
		}

	}

}
