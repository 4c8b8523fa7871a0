package org.negotiatetcp.soap.contract;

import java.lang.reflect.Method;
import java.util.List;

import javax.xml.namespace.QName;

import org.jspecify.annotations.Nullable;

/**
 * One operation of a {@link ContractModel}, with WCF's document/literal wrapped message shape: the request body is
 * the element {@code <Operation>} holding one element per parameter, the reply body {@code <OperationResponse>}
 * holding {@code <OperationResult>}, all in the contract's namespace.
 *
 * @param method the interface method
 * @param name the operation's name
 * @param action the request's action
 * @param replyAction the reply's action
 * @param oneWay whether no reply is sent
 * @param reactive whether the method returns {@code Mono}
 * @param requestElement the request's wrapper element
 * @param responseElement the reply's wrapper element
 * @param resultElement the result's element inside the reply wrapper
 * @param parameters the parameters, in order
 * @param resultType the result's type (boxed), or {@code null} for none ({@code void}, {@code Mono<Void>})
 */
public record OperationModel(Method method, String name, String action, String replyAction, boolean oneWay,
		boolean reactive, QName requestElement, QName responseElement, QName resultElement, List<Parameter> parameters,
		@Nullable Class<?> resultType) {

	/**
	 * Creates the model.
	 * @param method the method
	 * @param name the name
	 * @param action the action
	 * @param replyAction the reply action
	 * @param oneWay one-way
	 * @param reactive returns {@code Mono}
	 * @param requestElement the request wrapper
	 * @param responseElement the reply wrapper
	 * @param resultElement the result element
	 * @param parameters the parameters
	 * @param resultType the result type
	 */
	public OperationModel {
		parameters = List.copyOf(parameters);
	}

	/**
	 * A parameter: its element in the request wrapper and its (boxed) type.
	 *
	 * @param element the element
	 * @param type the type
	 */
	public record Parameter(QName element, Class<?> type) {

	}

}
