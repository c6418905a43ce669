package dev.desktopidentity.samples.desktop;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls the API ({@code sample.api-url}). The bearer token is added by the starter, because
 * the URL is under a configured {@code identity.resources} entry: the first call may sign
 * the user in, later ones take the token from memory.
 */
@Component
class ApiClient {

	private final RestClient http;

	private final URI url;

	ApiClient(RestClient.Builder http, @Value("${sample.api-url}") URI url) {
		this.http = http.build();
		this.url = url;
	}

	URI url() {
		return this.url;
	}

	String call() {
		try {
			return this.http.get().uri(this.url).accept(MediaType.APPLICATION_JSON).retrieve().body(String.class);
		}
		catch (RestClientException ex) {
			throw new ApiException("Calling " + this.url + " failed: " + ex.getMessage());
		}
	}

	static class ApiException extends RuntimeException {

		ApiException(String message) {
			super(message);
		}

	}

}
