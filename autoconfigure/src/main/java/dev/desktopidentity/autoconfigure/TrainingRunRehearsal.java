package dev.desktopidentity.autoconfigure;

import java.util.Locale;

import dev.desktopidentity.msal.IdentityClientExecutor;
import dev.desktopidentity.msal.SilentAcquisitionRehearsal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.SpringProperties;

/**
 * In a run that ends when the context is refreshed to prepare later runs, the class-data
 * training run of Spring Boot's CDS and AOT cache support
 * ({@code -Dspring.context.exit=onRefresh}) or a CRaC checkpoint
 * ({@code -Dspring.context.checkpoint=onRefresh}), rehearses serving a token from the
 * cache, so that what it needs is in the archive or the checkpoint. Nothing is done in
 * any other run. The rehearsal signs nobody in and reaches neither the network, nor the
 * token cache, nor the secret store (see {@link SilentAcquisitionRehearsal}).
 */
final class TrainingRunRehearsal implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(TrainingRunRehearsal.class);

	private static final String ON_REFRESH = "onRefresh";

	private final ObjectProvider<IdentityClientExecutor> executor;

	TrainingRunRehearsal(ObjectProvider<IdentityClientExecutor> executor) {
		this.executor = executor;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!isPreparingLaterRuns()) {
			return;
		}
		long start = System.nanoTime();
		try {
			SilentAcquisitionRehearsal.run(this.executor.getObject().executorService());
			if (logger.isDebugEnabled()) {
				logger.debug(String.format(Locale.ROOT, "Rehearsed a silent token acquisition in %d ms",
						(System.nanoTime() - start) / 1_000_000));
			}
		}
		catch (Exception ex) {
			// a less complete archive, never a failed training run
			logger.debug("Could not rehearse a silent token acquisition", ex);
		}
	}

	/**
	 * Whether Spring's lifecycle processor ends this run, or checkpoints it, once the
	 * context is refreshed: the properties are read as Spring reads them.
	 */
	static boolean isPreparingLaterRuns() {
		return ON_REFRESH.equalsIgnoreCase(SpringProperties.getProperty("spring.context.exit"))
				|| ON_REFRESH.equalsIgnoreCase(SpringProperties.getProperty("spring.context.checkpoint"));
	}

}
