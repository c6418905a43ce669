package dev.desktopidentity.test.autoconfigure;

import dev.desktopidentity.cache.SignedInAccounts;
import dev.desktopidentity.test.LocalIdentityProvider;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;
import org.springframework.test.context.support.AbstractTestExecutionListener;

/**
 * {@link TestExecutionListener} that, after each test method of a context with
 * {@link AutoConfigureLocalIdentityProvider}, signs every account out of the application's
 * token cache (unless the annotation says otherwise), resets the {@link ScriptedBrowser},
 * and clears the faults injected into the provider and its log of requests. Contexts without the annotation are
 * left alone, and none is loaded for it.
 */
class LocalIdentityProviderTestExecutionListener extends AbstractTestExecutionListener {

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 100;
	}

	@Override
	public void afterTestMethod(TestContext testContext) {
		if (!testContext.hasApplicationContext()) {
			return;
		}
		ApplicationContext context = testContext.getApplicationContext();
		if (context.getBeanNamesForType(ScriptedBrowser.class, false, false).length == 0) {
			return;
		}
		ScriptedBrowser browser = context.getBean(ScriptedBrowser.class);
		try {
			if (browser.signsOutAfterEachTest()) {
				context.getBeanProvider(SignedInAccounts.class).ifAvailable(SignedInAccounts::signOutAll);
			}
		}
		finally {
			browser.reset();
			LocalIdentityProvider provider = context.getBean(LocalIdentityProvider.class);
			provider.clearFaults();
			provider.requests().reset();
		}
	}

}
