package dev.desktopidentity.msal;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;

/**
 * Threads on which MSAL4J runs token requests. Without one, MSAL4J starts a new thread
 * for every request on a small machine; these are reused, daemon (a console app exits
 * when its main thread ends) and stopped with the application context.
 * <p>
 * Deliberately not an {@link java.util.concurrent.Executor} bean, which would make Spring
 * Boot's task execution auto-configuration back off.
 *
 * @since 0.1.0
 */
public final class IdentityClientExecutor implements DisposableBean {

	private final ThreadPoolExecutor executor;

	/**
	 * Create a new executor with idle threads kept for one minute.
	 */
	public IdentityClientExecutor() {
		this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
				new NamedDaemonThreads());
	}

	/**
	 * Return the executor service to give MSAL4J.
	 * @return the executor service
	 */
	public ExecutorService executorService() {
		return this.executor;
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	private static final class NamedDaemonThreads implements ThreadFactory {

		private final AtomicInteger count = new AtomicInteger();

		@Override
		public Thread newThread(Runnable runnable) {
			Thread thread = new Thread(runnable, "identity-client-" + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
