package dev.desktopidentity.signin;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.jspecify.annotations.Nullable;

/**
 * What the loopback redirect receiver answers to one request: a page (or a redirect to
 * another URL) with headers that keep it out of caches, referrers and frames, and, for the
 * request that ends the wait, the authorization response to complete with once the answer
 * has been sent. Every answer closes the connection.
 *
 * @param status the HTTP status
 * @param location where to redirect the browser, or {@code null}
 * @param html the page
 * @param allow the value of the {@code Allow} header, or {@code null}
 * @param response the authorization response this request delivered, or {@code null}
 * @param ignored why the request was ignored, for the debug log (never a received
 * value), or {@code null}
 */
record RedirectReply(int status, @Nullable URI location, String html, @Nullable String allow,
		@Nullable AuthorizationResponse response, @Nullable String ignored) {

	private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
			+ "frame-ancestors 'none'";

	static RedirectReply page(int status, String title, String message) {
		return new RedirectReply(status, null, RedirectPages.messagePage(title, message), null, null, null);
	}

	static RedirectReply of(@Nullable URI location, String html, AuthorizationResponse response) {
		return new RedirectReply((location != null) ? 302 : 200, location, html, null, response, null);
	}

	RedirectReply withAllow(String methods) {
		return new RedirectReply(this.status, this.location, this.html, methods, this.response, this.ignored);
	}

	RedirectReply ignored(String reason) {
		return new RedirectReply(this.status, this.location, this.html, this.allow, this.response, reason);
	}

	/**
	 * Return the bytes of the answer: status line, headers and, unless the request was a
	 * {@code HEAD}, the page.
	 * @param headRequest whether the request was a {@code HEAD}
	 * @return the bytes to send
	 */
	byte[] toBytes(boolean headRequest) {
		byte[] body = this.html.getBytes(StandardCharsets.UTF_8);
		StringBuilder headers = new StringBuilder(512).append("HTTP/1.1 ")
			.append(this.status)
			.append(' ')
			.append(reason(this.status))
			.append("\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: ")
			.append(body.length)
			.append("\r\nCache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nX-Content-Type-Options: nosniff")
			.append("\r\nContent-Security-Policy: ")
			.append(CONTENT_SECURITY_POLICY)
			.append("\r\nConnection: close\r\n");
		if (this.allow != null) {
			headers.append("Allow: ").append(this.allow).append("\r\n");
		}
		if (this.location != null) {
			headers.append("Location: ").append(this.location.toASCIIString()).append("\r\n");
		}
		byte[] head = headers.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
		if (headRequest) {
			return head;
		}
		byte[] bytes = new byte[head.length + body.length];
		System.arraycopy(head, 0, bytes, 0, head.length);
		System.arraycopy(body, 0, bytes, head.length, body.length);
		return bytes;
	}

	@Override
	public String toString() {
		return "RedirectReply [" + this.status + "]";
	}

	private static String reason(int status) {
		return switch (status) {
			case 200 -> "OK";
			case 302 -> "Found";
			case 400 -> "Bad Request";
			case 404 -> "Not Found";
			case 405 -> "Method Not Allowed";
			case 410 -> "Gone";
			case 413 -> "Content Too Large";
			case 415 -> "Unsupported Media Type";
			case 421 -> "Misdirected Request";
			case 431 -> "Request Header Fields Too Large";
			case 501 -> "Not Implemented";
			case 505 -> "HTTP Version Not Supported";
			default -> "Error";
		};
	}

}
