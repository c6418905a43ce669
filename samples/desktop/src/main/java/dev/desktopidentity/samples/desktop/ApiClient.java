package dev.desktopidentity.samples.desktop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.desktopidentity.AccessToken;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Calls the API ({@code sample.api-url}) with a bearer token.
 */
@Component
class ApiClient {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private final URI url;

	ApiClient(@Value("${sample.api-url}") URI url) {
		this.url = url;
	}

	URI url() {
		return this.url;
	}

	String call(AccessToken token) {
		HttpRequest request = HttpRequest.newBuilder(this.url)
			.header("Authorization", "Bearer " + token.getTokenValue())
			.header("Accept", "application/json")
			.timeout(Duration.ofSeconds(30))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200) {
				throw new ApiException("HTTP " + response.statusCode() + " from " + this.url);
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new ApiException("Could not reach " + this.url + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ApiException("Interrupted while calling " + this.url);
		}
	}

	static class ApiException extends RuntimeException {

		ApiException(String message) {
			super(message);
		}

	}

}
