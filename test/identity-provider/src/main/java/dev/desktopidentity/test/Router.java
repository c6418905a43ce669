package dev.desktopidentity.test;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the requests of one listener to the endpoint handlers: records them, applies
 * injected faults, checks the tenant and turns errors into Microsoft error responses
 * (JSON) or error pages (browser endpoints).
 */
final class Router implements HttpHandler {

	private static final Logger logger = LoggerFactory.getLogger(Router.class);

	static final Set<Endpoint> BROWSER_ENDPOINTS = Set.of(Endpoint.AUTHORIZE, Endpoint.SIGN_IN,
			Endpoint.DEVICE_VERIFICATION);

	private final ProviderContext context;

	private final Map<Endpoint, CallHandler> handlers;

	private final boolean secure;

	Router(ProviderContext context, Map<Endpoint, CallHandler> handlers, boolean secure) {
		this.context = context;
		this.handlers = new EnumMap<>(handlers);
		this.secure = secure;
	}

	/**
	 * Return the handlers of every endpoint.
	 * @param context the provider
	 * @return the handlers
	 */
	static Map<Endpoint, CallHandler> handlers(ProviderContext context) {
		SignInFlow flow = new SignInFlow(context);
		SignInForms forms = new SignInForms(context, flow);
		MetadataHandlers metadata = new MetadataHandlers(context);
		Map<Endpoint, CallHandler> handlers = new EnumMap<>(Endpoint.class);
		handlers.put(Endpoint.AUTHORIZE, new AuthorizeHandler(context, flow));
		handlers.put(Endpoint.SIGN_IN, new SignInHandler(context, forms));
		handlers.put(Endpoint.DEVICE_VERIFICATION, new DeviceVerificationHandler(context, flow, forms));
		handlers.put(Endpoint.TOKEN, new TokenHandler(context));
		handlers.put(Endpoint.DEVICE_CODE, new DeviceCodeHandler(context));
		handlers.put(Endpoint.REVOCATION, new RevocationHandler(context));
		handlers.put(Endpoint.DISCOVERY, metadata::discovery);
		handlers.put(Endpoint.JWKS, metadata::keys);
		return handlers;
	}

	@Override
	public void handle(HttpExchange exchange) throws IOException {
		try {
			HttpCall call = HttpCall.read(exchange, this.secure);
			Route route = Route.of(call.path(), this.context.urls().paths());
			this.context.requests().record(call.method(), route.endpoint(), call.path(), call.parameters());
			Fault fault = this.context.faults().next(route.endpoint());
			if (fault != null && fault.kind() == Fault.Kind.ENTRA_ERROR) {
				entraError(call, route, EntraErrorCatalog.require(fault.code()));
			}
			else if (fault == null || !FaultInjector.apply(call, fault)) {
				dispatch(call, route);
			}
		}
		catch (IllegalArgumentException ex) {
			exchange.sendResponseHeaders(400, -1);
		}
		catch (HttpCall.TruncatedResponseException ex) {
			// leaving the handler with an IOException makes the server close the connection
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Request to {} failed", exchange.getRequestURI().getPath(), ex);
		}
		finally {
			exchange.close();
		}
	}

	private void dispatch(HttpCall call, Route route) throws IOException {
		CallHandler handler = this.handlers.get(route.endpoint());
		if (handler == null) {
			call.send(404, "text/plain; charset=utf-8", "Not found");
			return;
		}
		boolean browser = BROWSER_ENDPOINTS.contains(route.endpoint());
		try {
			if (!this.context.tenants().accepts(route.tenant())) {
				// as Keycloak answers for an unknown realm
				throw this.context.urls().paths().isStrictOidc()
						? OAuthException.plain(404, "Realm does not exist", null)
						: new OAuthException(AadError.TENANT_NOT_FOUND, route.tenant());
			}
			handler.handle(call, route.tenant());
		}
		catch (OAuthException ex) {
			answer(call, browser, ex);
		}
		catch (RuntimeException ex) {
			logger.warn("Request to {} failed", call.path(), ex);
			if (!call.answered()) {
				answer(call, browser, new OAuthException(AadError.SERVER_ERROR));
			}
		}
	}

	/**
	 * Answer with an injected Microsoft Entra error: to the redirect URI for the
	 * authorization endpoint (when the client and redirect URI are acceptable, else on an
	 * error page, as Microsoft Entra does), on an error page for the other browser
	 * endpoints, as JSON elsewhere.
	 */
	private void entraError(HttpCall call, Route route, EntraErrorCatalog.Answer answer) throws IOException {
		if (route.endpoint() == Endpoint.AUTHORIZE) {
			RedirectTarget target;
			try {
				target = new AuthorizeRequestParser(this.context.clients(), this.context.tenantId())
					.target(call.parameters());
			}
			catch (OAuthException ex) {
				answer(call, true, answer.toException(call, route.tenant(), false));
				return;
			}
			AuthorizationResponder.error(call, target, answer.toException(call, route.tenant(), true));
			return;
		}
		answer(call, BROWSER_ENDPOINTS.contains(route.endpoint()), answer.toException(call, route.tenant(), false));
	}

	static void answer(HttpCall call, boolean browser, OAuthException error) throws IOException {
		if (browser) {
			call.html(error.status(), Html.errorPage("Sign-in error", error.getMessage()));
		}
		else {
			call.json(error.status(), ErrorBodies.json(error, call.header("client-request-id")));
		}
	}

}
