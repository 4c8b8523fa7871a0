package org.negotiatetcp.boot.security.diagnostics;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.beans.factory.NoUniqueBeanDefinitionException;

/**
 * Thrown at startup when the application defines several beans of a type the Negotiate TCP server uses exactly one
 * of (its {@code SessionAuthorizer}, the {@code UserDetailsService} the Spring Security bridge looks clients up in)
 * and none of them is {@code @Primary}. Choosing one silently, or none, would loosen security, so the application
 * does not start; {@link AmbiguousSecurityBeanFailureAnalyzer} reports the beans and the fix.
 *
 * @author Negotiate TCP
 * @since 0.1.0
 */
public class AmbiguousSecurityBeanException extends NoUniqueBeanDefinitionException {

	private static final long serialVersionUID = 1L;

	private final String beanDescriptions;

	private final String usage;

	private final String action;

	/**
	 * Create the exception.
	 * @param type the bean type
	 * @param beanNames the names of the candidate beans
	 * @param beanDescriptions the candidate beans, each described as {@code 'name': defined ...}
	 * @param usage what the one bean is needed for, for example {@code to authorize every session}
	 * @param action how to resolve the ambiguity
	 */
	public AmbiguousSecurityBeanException(Class<?> type, List<String> beanNames, List<String> beanDescriptions,
			String usage, String action) {
		super(type, beanNames, "A single " + type.getSimpleName() + " bean is needed " + usage + ", but "
				+ beanNames.size() + " were found (" + String.join(", ", beanDescriptions) + "). " + action);
		this.beanDescriptions = beanDescriptions.stream()
			.map((bean) -> "\t- " + bean)
			.collect(Collectors.joining("\n"));
		this.usage = usage;
		this.action = action;
	}

	/**
	 * Return the description of the failure analysis: the beans and why one is needed.
	 * @return the description
	 */
	public String getDescription() {
		Class<?> type = getBeanType();
		return "The Negotiate TCP server needs a single " + ((type != null) ? type.getSimpleName() : "") + " bean "
				+ this.usage + ", but " + getNumberOfBeansFound() + " were found:\n" + this.beanDescriptions + "\n";
	}

	/**
	 * Return the action of the failure analysis: how to resolve the ambiguity.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

}
