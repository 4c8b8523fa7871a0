package org.negotiatetcp.boot.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * A named credential of {@code negotiate.tcp.credentials.<name>} cannot be used: its keytab is missing, the keytab
 * has no key for the principal, or the name is unknown. Thrown at startup; names the credential, the property to
 * change and, in {@link #getAction()}, the fix.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class NegotiateCredentialException extends InvalidConfigurationPropertyValueException {

	private static final long serialVersionUID = 1L;

	private final String credential;

	private final String action;

	/**
	 * Create an exception.
	 * @param credential the credential's name
	 * @param property the property to change
	 * @param value the property's value
	 * @param reason what is wrong
	 * @param action how to fix it
	 */
	public NegotiateCredentialException(String credential, String property, @Nullable Object value, String reason,
			String action) {
		super(property, value, reason);
		this.credential = credential;
		this.action = action;
	}

	/**
	 * Return the credential's name.
	 * @return the name under {@code negotiate.tcp.credentials}
	 */
	public String getCredential() {
		return this.credential;
	}

	/**
	 * Return how to fix the credential.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
