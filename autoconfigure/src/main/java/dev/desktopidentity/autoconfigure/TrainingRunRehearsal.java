package dev.desktopidentity.autoconfigure;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.desktopidentity.msal.SilentAcquisitionRehearsal;
import dev.desktopidentity.signin.CacheFileRehearsal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.SpringProperties;

/**
 * In a run that ends when the context is refreshed to prepare later runs, the class-data
 * training run of Spring Boot's CDS and AOT cache support
 * ({@code -Dspring.context.exit=onRefresh}) or a CRaC checkpoint
 * ({@code -Dspring.context.checkpoint=onRefresh}), rehearses serving a token from the
 * cache, so that what it needs is in the archive or the checkpoint. Nothing is done in
 * any other run. The rehearsal signs nobody in and reaches neither the network, nor the
 * token cache, nor the secret store (see {@link CacheFileRehearsal} and
 * {@link SilentAcquisitionRehearsal}).
 */
final class TrainingRunRehearsal implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(TrainingRunRehearsal.class);

	private static final String ON_REFRESH = "onRefresh";

	private final Supplier<ExecutorService> executor;

	private final BooleanSupplier fromCacheFile;

	/**
	 * Create a rehearsal.
	 * @param executor the threads MSAL4J runs requests on
	 * @param fromCacheFile whether a run whose token is in the cache serves it from the
	 * cache file, without MSAL4J (then that is rehearsed, and MSAL4J left out of the
	 * archive, which would load its classes at every start for nothing)
	 */
	TrainingRunRehearsal(Supplier<ExecutorService> executor, BooleanSupplier fromCacheFile) {
		this.executor = executor;
		this.fromCacheFile = fromCacheFile;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!isPreparingLaterRuns()) {
			return;
		}
		long start = System.nanoTime();
		boolean fromCacheFile = this.fromCacheFile.getAsBoolean();
		String rehearsal = fromCacheFile ? "serving a token from the token cache file"
				: "a silent token acquisition";
		try {
			if (fromCacheFile) {
				CacheFileRehearsal.run();
			}
			else {
				SilentAcquisitionRehearsal.run(this.executor.get());
			}
			if (logger.isDebugEnabled()) {
				logger.debug(String.format(Locale.ROOT, "Rehearsed %s in %d ms", rehearsal,
						(System.nanoTime() - start) / 1_000_000));
			}
		}
		catch (Exception ex) {
			// a less complete archive, never a failed training run
			logger.debug("Could not rehearse " + rehearsal, ex);
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
