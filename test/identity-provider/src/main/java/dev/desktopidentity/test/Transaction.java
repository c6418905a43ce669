package dev.desktopidentity.test;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One browser sign-in in progress, for an authorization request or a device code. Its
 * parameters stay on the server; the pages carry only its opaque id.
 */
final class Transaction {

	/**
	 * The step whose form the browser submits next.
	 */
	enum Stage {

		SIGN_IN, SELECT_ACCOUNT, SIGN_UP, CONSENT

	}

	private final String id = Randoms.opaque();

	private final Instant expiresAt;

	private final String tenant;

	private final String clientId;

	private final List<String> scopes;

	private final @Nullable AuthorizeRequest authorizeRequest;

	private final @Nullable DeviceAuthorization device;

	private volatile Stage stage = Stage.SIGN_IN;

	private volatile @Nullable LocalUser user;

	private final ProviderPaths paths;

	private Transaction(Instant expiresAt, String tenant, String clientId, List<String> scopes,
			@Nullable AuthorizeRequest authorizeRequest, @Nullable DeviceAuthorization device, ProviderPaths paths) {
		this.paths = paths;
		this.expiresAt = expiresAt;
		this.tenant = tenant;
		this.clientId = clientId;
		this.scopes = scopes;
		this.authorizeRequest = authorizeRequest;
		this.device = device;
	}

	static Transaction authorize(AuthorizeRequest request, Instant expiresAt, ProviderPaths paths) {
		return new Transaction(expiresAt, request.tenant(), request.target().clientId(), request.scopes(), request,
				null, paths);
	}

	static Transaction device(DeviceAuthorization device, String tenant, Instant expiresAt, ProviderPaths paths) {
		return new Transaction(expiresAt, tenant, device.clientId(), device.scopes(), null, device, paths);
	}

	String id() {
		return this.id;
	}

	boolean expired(Instant now) {
		return now.isAfter(this.expiresAt);
	}

	@Nullable AuthorizeRequest authorizeRequest() {
		return this.authorizeRequest;
	}

	@Nullable DeviceAuthorization device() {
		return this.device;
	}

	boolean isDevice() {
		return this.device != null;
	}

	String clientId() {
		return this.clientId;
	}

	List<String> scopes() {
		return this.scopes;
	}

	@Nullable String loginHint() {
		return (this.authorizeRequest != null) ? this.authorizeRequest.loginHint() : null;
	}

	@Nullable String domainHint() {
		return (this.authorizeRequest != null) ? this.authorizeRequest.domainHint() : null;
	}

	/**
	 * Return the path the pages of this sign-in submit their forms to.
	 * @return the form action
	 */
	String formAction() {
		return "/" + this.tenant + (isDevice() ? this.paths.deviceVerification() : this.paths.signIn());
	}

	Stage stage() {
		return this.stage;
	}

	void stage(Stage stage) {
		this.stage = stage;
	}

	@Nullable LocalUser user() {
		return this.user;
	}

	void user(LocalUser user) {
		this.user = user;
	}

}
