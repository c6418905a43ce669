package dev.desktopidentity.samples.demo;

import java.net.URI;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.client.RestClientException;

/**
 * Calls the samples' API ({@code sample.api-url}). The bearer token is added by the
 * starter, because the URL is under a configured {@code identity.resources} entry: the
 * first call may sign the user in, later ones take the token from memory. The samples
 * import it with {@code @Import(ApiClient.class)}.
 */
public class ApiClient {

	private final SingletonSupplier<RestClient> http;

	private final URI url;

	/**
	 * Create a client; its {@code RestClient} (and the HTTP message converters, JSON
	 * included, that it is built with) is built on the first call, so a run that calls no
	 * API, such as the console sample's {@code --status}, does not pay for it.
	 * @param http the builder that Spring Boot configures
	 * @param url the address of the API
	 */
	public ApiClient(ObjectProvider<RestClient.Builder> http, @Value("${sample.api-url}") URI url) {
		this.http = SingletonSupplier.of(() -> http.getObject().build());
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
			return this.http.obtain().get().uri(this.url).accept(MediaType.APPLICATION_JSON).retrieve().body(String.class);
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
