package org.negotiatetcp.soap.contract;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBElement;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import jakarta.xml.bind.Unmarshaller;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import org.negotiatetcp.soap.Soap12;
import org.negotiatetcp.soap.SoapFaultException;

/**
 * Serializes the messages of a contract's operations with JAXB: each parameter and the result is one element named
 * by the {@link OperationModel} (the contract's namespace), its content the JAXB form of the value's type. A data
 * contract class is a JAXB class whose namespace is the data contract's ({@code @XmlType(namespace = ...)} or a
 * package-level {@code @XmlSchema(elementFormDefault = QUALIFIED)}); a {@code null} value is {@code xsi:nil}. Thread-safe.
 */
public final class OperationCodec {

	private static final QName DESERIALIZATION_FAILED = new QName(
			"http://schemas.microsoft.com/net/2005/12/windowscommunicationfoundation/dispatcher",
			"DeserializationFailed", "a");

	private final ContractModel contract;

	private final JAXBContext jaxb;

	private final DocumentBuilderFactory documents;

	/**
	 * Creates the codec of a contract: a JAXB context of every parameter and result type.
	 * @param contract the contract
	 * @throws IllegalArgumentException when JAXB cannot bind a type (the message names it)
	 */
	public OperationCodec(ContractModel contract) {
		this.contract = contract;
		Set<Class<?>> types = new LinkedHashSet<>();
		for (OperationModel operation : contract.operations()) {
			operation.parameters().forEach((parameter) -> types.add(parameter.type()));
			if (operation.resultType() != null) {
				types.add(operation.resultType());
			}
		}
		try {
			this.jaxb = JAXBContext.newInstance(types.toArray(Class<?>[]::new));
		}
		catch (JAXBException ex) {
			throw new IllegalArgumentException("JAXB cannot bind the types " + types + " of service contract "
					+ contract.contract().getName() + ": " + ex, ex);
		}
		this.documents = DocumentBuilderFactory.newInstance();
		this.documents.setNamespaceAware(true);
	}

	/**
	 * Returns the contract.
	 * @return the contract
	 */
	public ContractModel contract() {
		return this.contract;
	}

	/**
	 * Writes a request's body.
	 * @param operation the operation
	 * @param arguments the arguments, in parameter order
	 * @return the wrapper element
	 * @throws IllegalArgumentException when an argument cannot be serialized
	 */
	public Element writeRequest(OperationModel operation, @Nullable Object @Nullable [] arguments) {
		Element wrapper = wrapper(operation.requestElement());
		List<OperationModel.Parameter> parameters = operation.parameters();
		for (int i = 0; i < parameters.size(); i++) {
			Object value = (arguments != null) ? arguments[i] : null;
			marshal(wrapper, parameters.get(i).element(), parameters.get(i).type(), value, operation);
		}
		return wrapper;
	}

	/**
	 * Reads a request's arguments.
	 * @param operation the operation
	 * @param body the body's element
	 * @return the arguments, in parameter order ({@code null} for a parameter the request lacks)
	 * @throws SoapFaultException a {@code Sender} fault when the body does not match the operation
	 */
	public @Nullable Object[] readRequest(OperationModel operation, @Nullable Element body) throws SoapFaultException {
		List<OperationModel.Parameter> parameters = operation.parameters();
		Object[] arguments = new Object[parameters.size()];
		if (body == null || !matches(body, operation.requestElement())) {
			throw deserializationFailed("The body of " + operation.action() + " is not the element "
					+ operation.requestElement(), null);
		}
		for (Element child = firstChild(body); child != null; child = nextSibling(child)) {
			for (int i = 0; i < parameters.size(); i++) {
				if (matches(child, parameters.get(i).element())) {
					arguments[i] = unmarshal(child, parameters.get(i).type(), operation);
				}
			}
		}
		for (int i = 0; i < arguments.length; i++) {
			if (arguments[i] == null && operation.method().getParameterTypes()[i].isPrimitive()) {
				throw deserializationFailed("Parameter " + parameters.get(i).element() + " is missing", null);
			}
		}
		return arguments;
	}

	/**
	 * Writes a reply's body.
	 * @param operation the operation
	 * @param result the result, or {@code null}
	 * @return the wrapper element
	 */
	public Element writeResponse(OperationModel operation, @Nullable Object result) {
		Element wrapper = wrapper(operation.responseElement());
		Class<?> type = operation.resultType();
		if (type != null) {
			marshal(wrapper, operation.resultElement(), type, result, operation);
		}
		return wrapper;
	}

	/**
	 * Reads a reply's result.
	 * @param operation the operation
	 * @param body the body's element
	 * @return the result, or {@code null} ({@code xsi:nil}, or an operation without result)
	 * @throws SoapFaultException a {@code Sender} fault when the body does not match the operation
	 */
	public @Nullable Object readResponse(OperationModel operation, @Nullable Element body) throws SoapFaultException {
		if (body == null || !matches(body, operation.responseElement())) {
			throw deserializationFailed("The reply to " + operation.action() + " is not the element "
					+ operation.responseElement(), null);
		}
		Class<?> type = operation.resultType();
		if (type == null) {
			return null;
		}
		for (Element child = firstChild(body); child != null; child = nextSibling(child)) {
			if (matches(child, operation.resultElement())) {
				return unmarshal(child, type, operation);
			}
		}
		return null;
	}

	private Element wrapper(QName name) {
		try {
			Document document = this.documents.newDocumentBuilder().newDocument();
			Element element = document.createElementNS(name.getNamespaceURI(), name.getLocalPart());
			element.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, "xmlns", name.getNamespaceURI());
			document.appendChild(element);
			return element;
		}
		catch (ParserConfigurationException ex) {
			throw new IllegalStateException("No DOM implementation", ex);
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void marshal(Element parent, QName name, Class<?> type, @Nullable Object value, OperationModel operation) {
		try {
			Marshaller marshaller = this.jaxb.createMarshaller();
			marshaller.setProperty(Marshaller.JAXB_FRAGMENT, true);
			marshaller.marshal(new JAXBElement(name, type, value), parent);
		}
		catch (JAXBException ex) {
			throw new IllegalArgumentException("Cannot serialize " + name.getLocalPart() + " of "
					+ operation.action() + " as " + type.getName() + ": " + ex, ex);
		}
	}

	private @Nullable Object unmarshal(Element element, Class<?> type, OperationModel operation)
			throws SoapFaultException {
		try {
			Unmarshaller unmarshaller = this.jaxb.createUnmarshaller();
			JAXBElement<?> value = unmarshaller.unmarshal(element, type);
			return value.isNil() ? null : value.getValue();
		}
		catch (JAXBException | RuntimeException ex) {
			throw deserializationFailed("Cannot read " + element.getLocalName() + " of " + operation.action()
					+ " as " + type.getName() + ": " + ex, ex);
		}
	}

	private static SoapFaultException deserializationFailed(String reason, @Nullable Throwable cause) {
		SoapFaultException fault = new SoapFaultException(Soap12.SENDER, List.of(DESERIALIZATION_FAILED), reason,
				null);
		if (cause != null) {
			fault.initCause(cause);
		}
		return fault;
	}

	private static boolean matches(Element element, QName name) {
		return name.getLocalPart().equals(element.getLocalName())
				&& name.getNamespaceURI().equals((element.getNamespaceURI() != null) ? element.getNamespaceURI() : "");
	}

	private static @Nullable Element firstChild(Element parent) {
		Node node = parent.getFirstChild();
		while (node != null && !(node instanceof Element)) {
			node = node.getNextSibling();
		}
		return (Element) node;
	}

	private static @Nullable Element nextSibling(Element element) {
		Node node = element.getNextSibling();
		while (node != null && !(node instanceof Element)) {
			node = node.getNextSibling();
		}
		return (Element) node;
	}

}
