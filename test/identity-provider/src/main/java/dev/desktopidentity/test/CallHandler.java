package dev.desktopidentity.test;

import java.io.IOException;

/**
 * Answers the calls to one endpoint.
 */
@FunctionalInterface
interface CallHandler {

	/**
	 * Answer a call.
	 * @param call the call
	 * @param tenant the tenant path segment, already accepted
	 * @throws IOException on a write failure
	 */
	void handle(HttpCall call, String tenant) throws IOException;

}
