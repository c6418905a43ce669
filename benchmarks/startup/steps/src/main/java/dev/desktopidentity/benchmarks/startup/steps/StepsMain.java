package dev.desktopidentity.benchmarks.startup.steps;

import java.lang.management.ManagementFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.util.Assert;

/**
 * Runs a Spring Boot application as its {@code main} method would, with Spring's startup
 * steps recorded, then prints how long each step and each phase of the run took: what the
 * startup benchmark's harness compares between the bare app and the app with the starter.
 * <p>
 * The application's main class is named by the system property
 * {@value #MAIN_CLASS_PROPERTY}; the program arguments are the application's. For example,
 * with an extracted jar, whose manifest's {@code Class-Path} brings its libraries:
 * <pre class="code">
 * java -cp extracted/app.jar:steps.jar -Dstartup.steps.main-class=com.example.Application \
 *     dev.desktopidentity.benchmarks.startup.steps.StepsMain --spring.main.banner-mode=off
 * </pre>
 * When the application has exited, it prints tab-separated lines, times in microseconds:
 * <ul>
 * <li>{@code startup-step <self> <total> <key>} for each recorded step, its self time being
 * its duration less its direct children's (see {@link StepTimes} for the key);</li>
 * <li>{@code startup-time <phase> <time>} for the phases {@code jvm-start-to-main} (from the
 * JVM's start, to the millisecond only), {@code main-to-run} (creating the
 * {@code SpringApplication}), {@code run} (all of {@code SpringApplication.run}) and
 * {@code runners} (from the last listener to the {@code ApplicationStartedEvent} to the
 * first listener to the {@code ApplicationReadyEvent}: the application's runners).</li>
 * </ul>
 */
public final class StepsMain {

	/**
	 * The system property that names the application's main class.
	 */
	public static final String MAIN_CLASS_PROPERTY = "startup.steps.main-class";

	private static final int CAPACITY = 100_000;

	private StepsMain() {
	}

	public static void main(String[] args) throws Exception {
		long mainNanos = System.nanoTime();
		long mainMillis = System.currentTimeMillis();
		String mainClassName = System.getProperty(MAIN_CLASS_PROPERTY);
		Assert.state(mainClassName != null, () -> "Name the application's main class with -D" + MAIN_CLASS_PROPERTY);
		Class<?> mainClass = Class.forName(mainClassName);
		SpringApplication application = new SpringApplication(mainClass);
		// as when the application's own main runs it: the class it logs as, and names its jar by
		application.setMainApplicationClass(mainClass);
		BufferingApplicationStartup startup = new BufferingApplicationStartup(CAPACITY);
		application.setApplicationStartup(startup);
		Mark started = new Mark(ApplicationStartedEvent.class, Ordered.LOWEST_PRECEDENCE);
		Mark ready = new Mark(ApplicationReadyEvent.class, Ordered.HIGHEST_PRECEDENCE);
		application.addListeners(started, ready);
		long runNanos = System.nanoTime();
		ConfigurableApplicationContext context = application.run(args);
		long runEndNanos = System.nanoTime();
		int exitCode = SpringApplication.exit(context);
		StepTimes.print(startup.getBufferedTimeline(), mainClass, System.out);
		printTime("jvm-start-to-main", (mainMillis - ManagementFactory.getRuntimeMXBean().getStartTime()) * 1000);
		printTime("main-to-run", (runNanos - mainNanos) / 1000);
		printTime("run", (runEndNanos - runNanos) / 1000);
		printTime("runners", (ready.nanos - started.nanos) / 1000);
		System.out.flush();
		System.exit(exitCode);
	}

	private static void printTime(String phase, long micros) {
		System.out.println("startup-time\t" + phase + "\t" + micros);
	}

	/**
	 * Notes when an event of one type is published, before or after the other listeners.
	 */
	private static final class Mark implements SmartApplicationListener {

		private final Class<? extends ApplicationEvent> eventType;

		private final int order;

		private long nanos;

		Mark(Class<? extends ApplicationEvent> eventType, int order) {
			this.eventType = eventType;
			this.order = order;
		}

		@Override
		public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
			return this.eventType.isAssignableFrom(eventType);
		}

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			this.nanos = System.nanoTime();
		}

		@Override
		public int getOrder() {
			return this.order;
		}

	}

}
