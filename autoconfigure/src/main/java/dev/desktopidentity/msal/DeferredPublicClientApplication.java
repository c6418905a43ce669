package dev.desktopidentity.msal;

import java.util.function.Supplier;

import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.PublicClientApplication;
import dev.desktopidentity.TokenAcquisitionException;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The {@link PublicClientApplication}, built the first time it is needed. Building it
 * loads much of MSAL4J, and for an OpenID Connect authority fetches the discovery
 * document: a run that does not sign in (a {@code --help}, a window shown before the user
 * signs in, a class-data training run) never pays for it, and an app starts while the
 * identity provider is unreachable.
 * <p>
 * Built once; if building fails, the failure is a {@link TokenAcquisitionException} and
 * the next call tries again.
 *
 * @since 0.1.0
 */
public final class DeferredPublicClientApplication implements Supplier<PublicClientApplication> {

	private static final String ACTION = "Preparing to reach the identity provider";

	private final Supplier<PublicClientApplication> factory;

	private volatile @Nullable PublicClientApplication application;

	private DeferredPublicClientApplication(Supplier<PublicClientApplication> factory) {
		this.factory = factory;
	}

	/**
	 * Return an application that the given factory builds on first use.
	 * @param factory builds the application; called once, and again after it failed
	 * @return the deferred application
	 */
	public static DeferredPublicClientApplication of(Supplier<PublicClientApplication> factory) {
		Assert.notNull(factory, "'factory' must not be null");
		return new DeferredPublicClientApplication(factory);
	}

	/**
	 * Return an application that exists already.
	 * @param application the application
	 * @return the application, as a deferred one
	 */
	public static DeferredPublicClientApplication of(PublicClientApplication application) {
		Assert.notNull(application, "'application' must not be null");
		DeferredPublicClientApplication deferred = new DeferredPublicClientApplication(() -> application);
		deferred.application = application;
		return deferred;
	}

	/**
	 * Return the application, building it if this is the first call.
	 * @return the application
	 * @throws TokenAcquisitionException if MSAL4J cannot build it, for example because
	 * the OpenID Connect discovery document cannot be read
	 */
	@Override
	public PublicClientApplication get() {
		PublicClientApplication application = this.application;
		if (application != null) {
			return application;
		}
		synchronized (this) {
			application = this.application;
			if (application == null) {
				application = build();
				this.application = application;
			}
			return application;
		}
	}

	/**
	 * Return whether the application has been built.
	 * @return whether {@link #get()} returns without building it
	 */
	public boolean isBuilt() {
		return this.application != null;
	}

	private PublicClientApplication build() {
		try {
			PublicClientApplication application = this.factory.get();
			Assert.state(application != null, "No PublicClientApplication was built");
			return application;
		}
		catch (RuntimeException ex) {
			RuntimeException failure = buildFailure(null, ACTION, ex);
			throw (failure instanceof TokenAcquisitionException) ? failure
					: new TokenAcquisitionException(ACTION + " failed: " + ex.getMessage(), null, ex);
		}
	}

	/**
	 * Return what to throw when building the application failed: a
	 * {@link TokenAcquisitionException} that names the authority, says what went wrong and
	 * what to do when the failure came from the identity provider (MSAL4J reads an OpenID
	 * Connect authority's discovery document while it builds the application); the
	 * failure as it is otherwise, such as a property that is not valid.
	 * @param authority the authority, as the user wrote it, or {@code null}
	 * @param operation what was being done, such as {@code Reading the OpenID Connect
	 * discovery document}
	 * @param failure what building threw
	 * @return the exception to throw
	 */
	public static RuntimeException buildFailure(@Nullable String authority, String operation,
			RuntimeException failure) {
		if (failure instanceof TokenAcquisitionException) {
			return failure;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof MsalException || cause instanceof ProviderExchangeException) {
				return ProviderFailures.translate(authority, operation, failure);
			}
		}
		return failure;
	}

}
