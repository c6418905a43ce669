package dev.desktopidentity.samples.demo;

import java.net.URI;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Calls the samples' API ({@code sample.api-url}). The bearer token is added by the
 * starter, because the URL is under a configured {@code identity.resources} entry: the
 * first call may sign the user in, later ones take the token from memory. The samples
 * import it with {@code @Import(ApiClient.class)}.
 */
public class ApiClient {

	private final RestClient http;

	private final URI url;

	public ApiClient(RestClient.Builder http, @Value("${sample.api-url}") URI url) {
		this.http = http.build();
		this.url = url;
	}

	/**
	 * Return the address of the API.
	 * @return the address
	 */
	public URI url() {
		return this.url;
	}

	/**
	 * Call the API.
	 * @return the API's answer
	 * @throws ApiException if the call failed
	 */
	public String call() {
		try {
			return this.http.get().uri(this.url).accept(MediaType.APPLICATION_JSON).retrieve().body(String.class);
		}
		catch (RestClientException ex) {
			throw new ApiException("Calling " + this.url + " failed: " + ex.getMessage());
		}
	}

	/**
	 * Thrown when the API call failed; the message says how.
	 */
	public static class ApiException extends RuntimeException {

		ApiException(String message) {
			super(message);
		}

	}

}
