package dev.desktopidentity.benchmarks.startup.app;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.core.metrics.StartupStep;

/**
 * Prints the slowest bean instantiations of a run, as recorded by Spring's
 * {@link BufferingApplicationStartup}: where start-up time goes.
 */
final class StartupSteps {

	private final BufferingApplicationStartup startup = new BufferingApplicationStartup(20_000);

	private StartupSteps() {
	}

	static boolean enabled() {
		return Boolean.getBoolean("startup.steps");
	}

	static StartupSteps record(SpringApplication application) {
		StartupSteps steps = new StartupSteps();
		application.setApplicationStartup(steps.startup);
		return steps;
	}

	void print() {
		StartupTimeline timeline = this.startup.getBufferedTimeline();
		List<StartupTimeline.TimelineEvent> events = timeline.getEvents();
		System.out.println("Slowest steps (duration, start after the application's start, step); steps that start "
				+ "after spring.context.refresh has ended ran on first use, in the runner:");
		events.stream()
			.filter((event) -> event.getDuration().toMillis() >= 5)
			.sorted(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration).reversed())
			.limit(Integer.getInteger("startup.steps.limit", 40))
			.forEach((event) -> System.out.printf("%6d ms  at %5d ms  %s %s%n", event.getDuration().toMillis(),
					Duration.between(timeline.getStartTime(), event.getStartTime()).toMillis(),
					event.getStartupStep().getName(), tags(event.getStartupStep())));
	}

	private static String tags(StartupStep step) {
		return StreamSupport.stream(step.getTags().spliterator(), false)
			.map((tag) -> tag.getKey() + "=" + tag.getValue())
			.toList()
			.toString();
	}

}
