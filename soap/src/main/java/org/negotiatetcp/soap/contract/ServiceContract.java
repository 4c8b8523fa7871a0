package org.negotiatetcp.soap.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an interface as a service contract, as WCF's {@code [ServiceContract]}: its {@link OperationContract} methods
 * are the operations a client proxy calls and a service implements.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ServiceContract {

	/**
	 * The contract's namespace: of the default actions and of the operations' wrapper and parameter elements.
	 * WCF's default is {@code http://tempuri.org/}.
	 * @return the namespace
	 */
	String namespace() default "http://tempuri.org/";

	/**
	 * The contract's name in the default actions; empty for the interface's simple name (WCF: the C# interface's
	 * name, for example {@code ICalculator}).
	 * @return the name
	 */
	String name() default "";

}
