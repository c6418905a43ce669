package dev.desktopidentity.msal;

import java.util.concurrent.atomic.AtomicInteger;

import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.TokenAcquisitionException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link DeferredPublicClientApplication}.
 */
class DeferredPublicClientApplicationTests {

	private final AtomicInteger built = new AtomicInteger();

	@Test
	void getWhenCalledTwiceThenBuildsOnceOnFirstCall() {
		DeferredPublicClientApplication deferred = DeferredPublicClientApplication.of(this::build);
		assertThat(this.built).hasValue(0);
		PublicClientApplication application = deferred.get();
		assertThat(deferred.get()).isSameAs(application);
		assertThat(this.built).hasValue(1);
	}

	@Test
	void getWhenBuildingFailsThenTokenAcquisitionExceptionAndNextCallBuildsAgain() {
		DeferredPublicClientApplication deferred = DeferredPublicClientApplication.of(() -> {
			if (this.built.incrementAndGet() == 1) {
				throw new MsalClientException("discovery document unreachable", "http_error");
			}
			return PublicClientApplication.builder("client").build();
		});
		assertThatExceptionOfType(TokenAcquisitionException.class).isThrownBy(deferred::get)
			.withMessageContaining("discovery document unreachable")
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("http_error"));
		assertThat(deferred.get()).isNotNull();
		assertThat(this.built).hasValue(2);
	}

	@Test
	void getWhenBuildingFailsOtherwiseThenTokenAcquisitionExceptionWithTheReason() {
		DeferredPublicClientApplication deferred = DeferredPublicClientApplication.of(() -> {
			throw new IllegalStateException("no trust material");
		});
		assertThatExceptionOfType(TokenAcquisitionException.class).isThrownBy(deferred::get)
			.withMessageContaining("no trust material");
	}

	@Test
	void ofApplicationThenReturnsItWithoutBuilding() {
		PublicClientApplication application = build();
		assertThat(DeferredPublicClientApplication.of(application).get()).isSameAs(application);
		assertThat(this.built).hasValue(1);
	}

	private PublicClientApplication build() {
		this.built.incrementAndGet();
		return PublicClientApplication.builder("client").build();
	}

}
