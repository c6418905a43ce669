package dev.desktopidentity.benchmarks.startup.steps;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.core.metrics.StartupStep;
import org.springframework.core.metrics.StartupStep.Tag;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Prints the recorded startup steps, each with its self time and a key that names it
 * the same way in every run of either app.
 * <p>
 * The key is the step's name and its {@code beanName} tag if it has one, else all its tags
 * but {@code classCount} and {@code mainApplicationClass}; what differs from run to run is
 * taken out (identity hash codes, lambda class names, inner bean numbers), and the main
 * class's own bean is called {@code (application)}.
 */
final class StepTimes {

	private static final Set<String> IGNORED_TAGS = Set.of("classCount", "mainApplicationClass");

	private static final Pattern LAMBDA = Pattern.compile("\\$\\$Lambda[^@\\s]*");

	private static final Pattern IDENTITY = Pattern.compile("(@|(?<=\\(inner bean\\))#)\\p{XDigit}+\\b");

	private StepTimes() {
	}

	static void print(StartupTimeline timeline, Class<?> mainClass, PrintStream out) {
		Map<Long, Long> childNanos = new HashMap<>();
		for (TimelineEvent event : timeline.getEvents()) {
			Long parent = event.getStartupStep().getParentId();
			if (parent != null) {
				childNanos.merge(parent, event.getDuration().toNanos(), Long::sum);
			}
		}
		String applicationBean = StringUtils.uncapitalizeAsProperty(ClassUtils.getShortName(mainClass));
		for (TimelineEvent event : timeline.getEvents()) {
			StartupStep step = event.getStartupStep();
			long nanos = event.getDuration().toNanos();
			long selfNanos = nanos - childNanos.getOrDefault(step.getId(), 0L);
			out.println("startup-step\t" + selfNanos / 1000 + "\t" + nanos / 1000 + "\t" + key(step, applicationBean));
		}
	}

	private static String key(StartupStep step, String applicationBean) {
		String beanName = null;
		for (Tag tag : step.getTags()) {
			if (tag.getKey().equals("beanName")) {
				beanName = tag.getValue();
			}
		}
		StringBuilder key = new StringBuilder(step.getName());
		if (beanName != null) {
			key.append(" beanName=").append(beanName.equals(applicationBean) ? "(application)" : beanName);
		}
		else {
			for (Tag tag : step.getTags()) {
				if (!IGNORED_TAGS.contains(tag.getKey())) {
					key.append(' ').append(tag.getKey()).append('=').append(tag.getValue());
				}
			}
		}
		String stable = LAMBDA.matcher(key).replaceAll(Matcher.quoteReplacement("$$Lambda"));
		return IDENTITY.matcher(stable).replaceAll("").replaceAll("\\s+", " ");
	}

}
