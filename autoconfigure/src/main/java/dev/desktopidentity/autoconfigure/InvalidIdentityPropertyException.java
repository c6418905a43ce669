package dev.desktopidentity.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when an {@code identity.*} property has a value that cannot work. Names the
 * property and says how to fix it; {@link InvalidIdentityPropertyFailureAnalyzer} turns it
 * into a start-up failure report.
 *
 * @since 0.1.0
 */
public class InvalidIdentityPropertyException extends RuntimeException {

	private final String propertyName;

	private final @Nullable Object value;

	private final String reason;

	private final String action;

	/**
	 * Create a new instance.
	 * @param propertyName the full name of the property, for example
	 * {@code identity.client-id}
	 * @param value the offending value, or {@code null} when the property is missing
	 * @param reason why the value cannot work
	 * @param action what to change
	 */
	public InvalidIdentityPropertyException(String propertyName, @Nullable Object value, String reason,
			String action) {
		super("Invalid value for '" + propertyName + "': " + reason);
		this.propertyName = propertyName;
		this.value = value;
		this.reason = reason;
		this.action = action;
	}

	/**
	 * Return the full name of the property.
	 * @return the property name
	 */
	public String getPropertyName() {
		return this.propertyName;
	}

	/**
	 * Return the offending value.
	 * @return the value, or {@code null} when the property is missing
	 */
	public @Nullable Object getValue() {
		return this.value;
	}

	/**
	 * Return why the value cannot work.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	/**
	 * Return what to change.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
