package dev.desktopidentity.autoconfigure;

import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.desktopidentity.cache.EncryptionRehearsal;
import dev.desktopidentity.msal.SilentAcquisitionRehearsal;
import dev.desktopidentity.signin.CacheFileRehearsal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.SpringProperties;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * In a run that ends when the context is refreshed to prepare later runs, the class-data
 * training run of Spring Boot's CDS and AOT cache support
 * ({@code -Dspring.context.exit=onRefresh}) or a CRaC checkpoint
 * ({@code -Dspring.context.checkpoint=onRefresh}), rehearses serving a token from the
 * cache, so that what it needs is in the archive or the checkpoint. Nothing is done in
 * any other run. The rehearsal signs nobody in and reaches neither the network, nor the
 * token cache, nor the secret store (see {@link CacheFileRehearsal} and
 * {@link SilentAcquisitionRehearsal}). The bean exists only in such runs (see
 * {@link PreparingLaterRuns}).
 */
final class TrainingRunRehearsal implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(TrainingRunRehearsal.class);

	private static final String ON_REFRESH = "onRefresh";

	private final Supplier<ExecutorService> executor;

	private final BooleanSupplier fromCacheFile;

	private final BooleanSupplier encryptedCache;

	/**
	 * Create a rehearsal.
	 * @param executor the threads MSAL4J runs requests on
	 * @param fromCacheFile whether a run whose token is in the cache serves it from the
	 * cache file, without MSAL4J (then that is rehearsed, and MSAL4J left out of the
	 * archive, which would load its classes at every start for nothing)
	 * @param encryptedCache whether the token cache is encrypted where a secret store
	 * works (then reading it is rehearsed too, see {@link EncryptionRehearsal})
	 */
	TrainingRunRehearsal(Supplier<ExecutorService> executor, BooleanSupplier fromCacheFile,
			BooleanSupplier encryptedCache) {
		this.executor = executor;
		this.fromCacheFile = fromCacheFile;
		this.encryptedCache = encryptedCache;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!isPreparingLaterRuns()) {
			return;
		}
		if (this.encryptedCache.getAsBoolean()) {
			rehearse("reading an encrypted token cache", EncryptionRehearsal::run);
		}
		if (this.fromCacheFile.getAsBoolean()) {
			rehearse("serving a token from the token cache file", CacheFileRehearsal::run);
		}
		else {
			rehearse("a silent token acquisition", () -> SilentAcquisitionRehearsal.run(this.executor.get()));
		}
	}

	private static void rehearse(String rehearsal, Rehearsal action) {
		long start = System.nanoTime();
		try {
			action.run();
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

	@FunctionalInterface
	private interface Rehearsal {

		void run() throws Exception;

	}

	/**
	 * Matches in a run that prepares later runs, and when Spring AOT processes the
	 * application at build time, whose bean definitions then serve every run: other runs
	 * do not create the rehearsal's bean at all.
	 */
	static final class PreparingLaterRuns extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			if (isPreparingLaterRuns()) {
				return ConditionOutcome.match("this run ends, or is checkpointed, once the context is refreshed");
			}
			if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
				return ConditionOutcome.match("Spring AOT processing records the bean definitions of every run");
			}
			return ConditionOutcome.noMatch("spring.context.exit and spring.context.checkpoint are not onRefresh");
		}

	}

}
