package org.negotiatetcp.soap.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link ServiceContract} interface as an operation, as WCF's {@code [OperationContract]}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OperationContract {

	/**
	 * The operation's name (the request's wrapper element); empty for the method's name. WCF uses the C# method name,
	 * usually capitalized: name it here when the Java method name differs ({@code name = "Add"}).
	 * @return the name
	 */
	String name() default "";

	/**
	 * The request's action; empty for WCF's default, {@code <namespace>[/]<contract>/<operation>}.
	 * @return the action
	 */
	String action() default "";

	/**
	 * The reply's action; empty for WCF's default, the action followed by {@code Response}.
	 * @return the reply action
	 */
	String replyAction() default "";

	/**
	 * Whether the operation is one-way: no reply, the method returns {@code void} (or {@code Mono<Void>}), and
	 * the call completes once the message is queued for sending.
	 * @return {@code true} for one-way
	 */
	boolean oneWay() default false;

}
