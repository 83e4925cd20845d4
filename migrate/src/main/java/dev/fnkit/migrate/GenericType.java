package dev.fnkit.migrate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A type from a generic signature or a descriptor: an internal class name (or type variable, primitive, wildcard)
 * and its type arguments. Parses the signature grammar of the JVM specification (4.7.9.1).
 */
record GenericType(String name, List<GenericType> arguments) {
    private static final Map<Character, String> PRIMITIVES = Map.of('B', "byte", 'C', "char", 'D', "double",
            'F', "float", 'I', "int", 'J', "long", 'S', "short", 'Z', "boolean", 'V', "void");

    GenericType {
        arguments = List.copyOf(arguments);
    }

    /** The type as Java source writes it, with simple class names: {@code Function<String, Order>}. */
    String display() {
        int slash = name.lastIndexOf('/');
        String simple = (slash < 0 ? name : name.substring(slash + 1)).replace('$', '.');
        if (arguments.isEmpty()) {
            return simple;
        }
        List<String> shown = arguments.stream().map(GenericType::display).toList();
        return simple + "<" + String.join(", ", shown) + ">";
    }

    /** The erased class as source names it in {@code X.class} ({@code java.lang} unqualified), else Object. */
    String sourceClass() {
        if (!name.contains("/") || name.contains(" ")) {
            return "Object";
        }
        String dotted = name.replace('/', '.').replace('$', '.');
        return dotted.startsWith("java.lang.") && dotted.lastIndexOf('.') == 9 ? dotted.substring(10) : dotted;
    }

    /** This type with the type variables named in {@code bindings} replaced by their bound types. */
    GenericType substitute(Map<String, GenericType> bindings) {
        GenericType bound = arguments.isEmpty() ? bindings.get(name) : null;
        if (bound != null) {
            return bound;
        }
        return new GenericType(name, arguments.stream().map(a -> a.substitute(bindings)).toList());
    }

    /** The names of a class signature's type parameters, in order: {@code [I, O]} for {@code <I:...O:...>...}. */
    static List<String> typeParameters(String classSignature) {
        return new Parser(classSignature).typeParameterNames();
    }

    /** The superclass and then the interfaces of a class signature. */
    static List<GenericType> supertypes(String classSignature) {
        Parser parser = new Parser(classSignature);
        parser.skipTypeParameters();
        List<GenericType> types = new ArrayList<>();
        while (!parser.done()) {
            types.add(parser.type());
        }
        return types;
    }

    /** The return type of a method signature or descriptor. */
    static GenericType returnType(String methodSignature) {
        Parser parser = new Parser(methodSignature);
        parser.skipTypeParameters();
        parser.expect('(');
        while (parser.peek() != ')') {
            parser.type();
        }
        parser.expect(')');
        return parser.type();
    }

    /** The parameter types of a method signature or descriptor. */
    static List<GenericType> parameterTypes(String methodSignature) {
        Parser parser = new Parser(methodSignature);
        parser.skipTypeParameters();
        parser.expect('(');
        List<GenericType> types = new ArrayList<>();
        while (parser.peek() != ')') {
            types.add(parser.type());
        }
        return types;
    }

    private static final class Parser {
        private final String text;
        private int at;

        Parser(String text) {
            this.text = text;
        }

        boolean done() {
            return at >= text.length();
        }

        char peek() {
            if (done()) {
                throw new IllegalArgumentException("signature ends early: " + text);
            }
            return text.charAt(at);
        }

        void expect(char c) {
            if (peek() != c) {
                throw new IllegalArgumentException("expected '" + c + "' at " + at + " in " + text);
            }
            at++;
        }

        void skipTypeParameters() {
            typeParameterNames();
        }

        List<String> typeParameterNames() {
            List<String> names = new ArrayList<>();
            if (done() || peek() != '<') {
                return names;
            }
            at++;
            while (peek() != '>') {
                int start = at;
                at = text.indexOf(':', at);
                if (at < 0) {
                    throw new IllegalArgumentException("malformed type parameters: " + text);
                }
                names.add(text.substring(start, at));
                while (!done() && peek() == ':') {
                    at++;
                    char next = peek();
                    if (next == 'L' || next == 'T' || next == '[') {
                        type();
                    }
                }
            }
            at++;
            return names;
        }

        GenericType type() {
            char c = peek();
            switch (c) {
                case 'L' -> {
                    at++;
                    return classType();
                }
                case 'T' -> {
                    int end = text.indexOf(';', at);
                    GenericType variable = new GenericType(text.substring(at + 1, end), List.of());
                    at = end + 1;
                    return variable;
                }
                case '[' -> {
                    at++;
                    GenericType element = type();
                    return new GenericType(element.display() + "[]", List.of());
                }
                case '*' -> {
                    at++;
                    return new GenericType("?", List.of());
                }
                case '+', '-' -> {
                    at++;
                    GenericType bound = type();
                    return new GenericType((c == '+' ? "? extends " : "? super ") + bound.display(), List.of());
                }
                default -> {
                    String primitive = PRIMITIVES.get(c);
                    if (primitive == null) {
                        throw new IllegalArgumentException("unexpected '" + c + "' at " + at + " in " + text);
                    }
                    at++;
                    return new GenericType(primitive, List.of());
                }
            }
        }

        private GenericType classType() {
            StringBuilder name = new StringBuilder();
            List<GenericType> arguments = new ArrayList<>();
            while (true) {
                char c = peek();
                at++;
                if (c == ';') {
                    return new GenericType(name.toString(), arguments);
                } else if (c == '<') {
                    arguments.clear();
                    while (peek() != '>') {
                        arguments.add(type());
                    }
                    at++;
                } else if (c == '.') {
                    name.append('$');
                } else {
                    name.append(c);
                }
            }
        }
    }
}
