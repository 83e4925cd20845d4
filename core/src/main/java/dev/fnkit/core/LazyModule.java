package dev.fnkit.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.AbstractTypeResolver;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.PropertyNamingStrategy;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.MutableConfigOverride;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.KeyDeserializers;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.deser.ValueInstantiators;
import com.fasterxml.jackson.databind.introspect.ClassIntrospector;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.BeanSerializerModifier;
import com.fasterxml.jackson.databind.ser.Serializers;
import com.fasterxml.jackson.databind.type.ArrayType;
import com.fasterxml.jackson.databind.type.CollectionLikeType;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapLikeType;
import com.fasterxml.jackson.databind.type.MapType;
import com.fasterxml.jackson.databind.type.ReferenceType;
import com.fasterxml.jackson.databind.type.TypeBindings;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.type.TypeModifier;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A Jackson module set up on first need: registered with the mapper, it answers every look-up for a type outside
 * {@link #handles} itself (with nothing), and builds and sets up the real module the first time a type it handles is
 * looked up. A cold start that never meets such a type never loads the module's classes (for {@code jsr310} and
 * {@code jdk8}, about a hundred). Serializers, deserializers, key (de)serializers, value instantiators, type modifiers
 * and the enum and value hooks of bean (de)serializer modifiers are deferred; a module that registers anything else
 * fails on its first use.
 */
abstract class LazyModule extends Module {
    private final String name;
    private volatile Recorder recorded;
    private Module.SetupContext owner;

    LazyModule(String name) {
        this.name = name;
    }

    @Override
    public String getModuleName() {
        return name;
    }

    @Override
    public Object getTypeId() {
        return name;
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    @Override
    public void setupModule(SetupContext context) {
        owner = context;
        context.addSerializers(new LazySerializers(false));
        context.addKeySerializers(new LazySerializers(true));
        context.addDeserializers(new LazyDeserializers());
        context.addKeyDeserializers(new LazyKeyDeserializers());
        context.addValueInstantiators(new LazyValueInstantiators());
        context.addTypeModifier(new LazyTypeModifier());
        context.addBeanSerializerModifier(new LazySerializerModifier());
        context.addBeanDeserializerModifier(new LazyDeserializerModifier());
    }

    /** Whether the real module would answer for this type: the lazy parts stay out of the way of every other. */
    abstract boolean handles(Class<?> type);

    /** The real module, built the first time a type it handles is met. */
    abstract Module create();

    private boolean handlesType(JavaType type) {
        return type != null && handles(type.getRawClass());
    }

    private Recorder real() {
        Recorder r = recorded;
        if (r == null) {
            synchronized (this) {
                r = recorded;
                if (r == null) {
                    r = new Recorder(owner);
                    create().setupModule(r);
                    recorded = r;
                }
            }
        }
        return r;
    }

    private final class LazyKeyDeserializers implements KeyDeserializers {
        @Override
        public KeyDeserializer findKeyDeserializer(JavaType type, DeserializationConfig config, BeanDescription bean)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            if (!handlesType(type)) {
                return null;
            }
            for (KeyDeserializers d : real().keyDeserializers) {
                KeyDeserializer found = d.findKeyDeserializer(type, config, bean);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
    }

    private final class LazyValueInstantiators implements ValueInstantiators {
        @Override
        public ValueInstantiator findValueInstantiator(DeserializationConfig config, BeanDescription bean,
                                                       ValueInstantiator instantiator) {
            if (!handles(bean.getBeanClass())) {
                return instantiator;
            }
            ValueInstantiator result = instantiator;
            for (ValueInstantiators v : real().valueInstantiators) {
                result = v.findValueInstantiator(config, bean, result);
            }
            return result;
        }
    }

    /** A serializer look-up against the real module's serializers (the last registered first, as Jackson does). */
    private interface SerializerLookup {
        JsonSerializer<?> find(Serializers serializers);
    }

    private final class LazySerializers implements Serializers {
        private final boolean keys;

        LazySerializers(boolean keys) {
            this.keys = keys;
        }

        private JsonSerializer<?> find(SerializerLookup lookup) {
            List<Serializers> all = keys ? real().keySerializers : real().serializers;
            for (int i = all.size() - 1; i >= 0; i--) {
                JsonSerializer<?> found = lookup.find(all.get(i));
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        @Override
        public JsonSerializer<?> findSerializer(SerializationConfig config, JavaType type, BeanDescription bean) {
            return handlesType(type) ? find(s -> s.findSerializer(config, type, bean)) : null;
        }

        @Override
        public JsonSerializer<?> findReferenceSerializer(SerializationConfig config, ReferenceType type,
                                                         BeanDescription bean, TypeSerializer typeSerializer,
                                                         JsonSerializer<Object> content) {
            return handlesType(type) ? find(
                    s -> s.findReferenceSerializer(config, type, bean, typeSerializer, content)) : null;
        }

        @Override
        public JsonSerializer<?> findArraySerializer(SerializationConfig config, ArrayType type, BeanDescription bean,
                                                     TypeSerializer typeSerializer, JsonSerializer<Object> element) {
            return handlesType(type) ? find(
                    s -> s.findArraySerializer(config, type, bean, typeSerializer, element)) : null;
        }

        @Override
        public JsonSerializer<?> findCollectionSerializer(SerializationConfig config, CollectionType type,
                                                          BeanDescription bean, TypeSerializer typeSerializer,
                                                          JsonSerializer<Object> element) {
            return handlesType(type) ? find(
                    s -> s.findCollectionSerializer(config, type, bean, typeSerializer, element)) : null;
        }

        @Override
        public JsonSerializer<?> findCollectionLikeSerializer(SerializationConfig config, CollectionLikeType type,
                                                              BeanDescription bean, TypeSerializer typeSerializer,
                                                              JsonSerializer<Object> element) {
            return handlesType(type) ? find(
                    s -> s.findCollectionLikeSerializer(config, type, bean, typeSerializer, element)) : null;
        }

        @Override
        public JsonSerializer<?> findMapSerializer(SerializationConfig config, MapType type, BeanDescription bean,
                                                   JsonSerializer<Object> key, TypeSerializer typeSerializer,
                                                   JsonSerializer<Object> value) {
            return handlesType(type) ? find(
                    s -> s.findMapSerializer(config, type, bean, key, typeSerializer, value)) : null;
        }

        @Override
        public JsonSerializer<?> findMapLikeSerializer(SerializationConfig config, MapLikeType type,
                                                       BeanDescription bean, JsonSerializer<Object> key,
                                                       TypeSerializer typeSerializer, JsonSerializer<Object> value) {
            return handlesType(type) ? find(
                    s -> s.findMapLikeSerializer(config, type, bean, key, typeSerializer, value)) : null;
        }
    }

    /** A deserializer look-up against one of the real module's deserializers. */
    private interface DeserializerLookup {
        JsonDeserializer<?> find(Deserializers deserializers)
                throws com.fasterxml.jackson.databind.JsonMappingException;
    }

    private final class LazyDeserializers implements Deserializers {
        private JsonDeserializer<?> find(DeserializerLookup lookup)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            List<Deserializers> all = real().deserializers;
            for (int i = all.size() - 1; i >= 0; i--) {
                JsonDeserializer<?> found = lookup.find(all.get(i));
                if (found != null) {
                    return found;
                }
            }
            return null;
        }

        @Override
        public JsonDeserializer<?> findEnumDeserializer(Class<?> type, DeserializationConfig config,
                                                        BeanDescription bean)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            return handles(type) ? find(d -> d.findEnumDeserializer(type, config, bean)) : null;
        }

        @Override
        public JsonDeserializer<?> findTreeNodeDeserializer(Class<? extends JsonNode> type,
                                                            DeserializationConfig config, BeanDescription bean)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            return handles(type) ? find(d -> d.findTreeNodeDeserializer(type, config, bean)) : null;
        }

        @Override
        public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                                                        BeanDescription bean)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            return handlesType(type) ? find(d -> d.findBeanDeserializer(type, config, bean)) : null;
        }

        @Override
        public JsonDeserializer<?> findReferenceDeserializer(ReferenceType type, DeserializationConfig config,
                                                             BeanDescription bean, TypeDeserializer typeDeserializer,
                                                             JsonDeserializer<?> content)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            return handlesType(type) ? find(
                    d -> d.findReferenceDeserializer(type, config, bean, typeDeserializer, content)) : null;
        }

        @Override
        public JsonDeserializer<?> findArrayDeserializer(ArrayType type, DeserializationConfig config,
                                                         BeanDescription bean, TypeDeserializer typeDeserializer,
                                                         JsonDeserializer<?> element)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            return handlesType(type) ? find(
                    d -> d.findArrayDeserializer(type, config, bean, typeDeserializer, element)) : null;
        }

        @Override
        public JsonDeserializer<?> findCollectionDeserializer(CollectionType type, DeserializationConfig config,
                                                              BeanDescription bean, TypeDeserializer typeDeserializer,
                                                              JsonDeserializer<?> element)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            return handlesType(type) ? find(
                    d -> d.findCollectionDeserializer(type, config, bean, typeDeserializer, element)) : null;
        }

        @Override
        public JsonDeserializer<?> findCollectionLikeDeserializer(CollectionLikeType type,
                                                                  DeserializationConfig config, BeanDescription bean,
                                                                  TypeDeserializer typeDeserializer,
                                                                  JsonDeserializer<?> element)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            return handlesType(type) ? find(
                    d -> d.findCollectionLikeDeserializer(type, config, bean, typeDeserializer, element)) : null;
        }

        @Override
        public JsonDeserializer<?> findMapDeserializer(MapType type, DeserializationConfig config,
                                                       BeanDescription bean, KeyDeserializer key,
                                                       TypeDeserializer typeDeserializer, JsonDeserializer<?> value)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            return handlesType(type) ? find(
                    d -> d.findMapDeserializer(type, config, bean, key, typeDeserializer, value)) : null;
        }

        @Override
        public JsonDeserializer<?> findMapLikeDeserializer(MapLikeType type, DeserializationConfig config,
                                                           BeanDescription bean, KeyDeserializer key,
                                                           TypeDeserializer typeDeserializer, JsonDeserializer<?> value)
                throws com.fasterxml.jackson.databind.JsonMappingException {
            return handlesType(type) ? find(
                    d -> d.findMapLikeDeserializer(type, config, bean, key, typeDeserializer, value)) : null;
        }

        @Override
        public boolean hasDeserializerFor(DeserializationConfig config, Class<?> type) {
            if (!handles(type)) {
                return false;
            }
            for (Deserializers d : real().deserializers) {
                if (d.hasDeserializerFor(config, type)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final class LazyTypeModifier extends TypeModifier {
        @Override
        public JavaType modifyType(JavaType type, Type jdkType, TypeBindings bindings, TypeFactory typeFactory) {
            if (!handlesType(type)) {
                return type;
            }
            JavaType result = type;
            for (TypeModifier modifier : real().typeModifiers) {
                result = modifier.modifyType(result, jdkType, bindings, typeFactory);
            }
            return result;
        }
    }

    private final class LazySerializerModifier extends BeanSerializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonSerializer<?> modifySerializer(SerializationConfig config, BeanDescription bean,
                                                  JsonSerializer<?> serializer) {
            if (!handles(bean.getBeanClass())) {
                return serializer;
            }
            JsonSerializer<?> result = serializer;
            for (BeanSerializerModifier m : real().serializerModifiers) {
                result = m.modifySerializer(config, bean, result);
            }
            return result;
        }

        @Override
        public JsonSerializer<?> modifyEnumSerializer(SerializationConfig config, JavaType type, BeanDescription bean,
                                                      JsonSerializer<?> serializer) {
            if (!handlesType(type)) {
                return serializer;
            }
            JsonSerializer<?> result = serializer;
            for (BeanSerializerModifier m : real().serializerModifiers) {
                result = m.modifyEnumSerializer(config, type, bean, result);
            }
            return result;
        }

        @Override
        public JsonSerializer<?> modifyKeySerializer(SerializationConfig config, JavaType type, BeanDescription bean,
                                                     JsonSerializer<?> serializer) {
            if (!handlesType(type)) {
                return serializer;
            }
            JsonSerializer<?> result = serializer;
            for (BeanSerializerModifier m : real().serializerModifiers) {
                result = m.modifyKeySerializer(config, type, bean, result);
            }
            return result;
        }
    }

    private final class LazyDeserializerModifier extends BeanDeserializerModifier {
        private static final long serialVersionUID = 1L;

        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription bean,
                                                      JsonDeserializer<?> deserializer) {
            if (!handles(bean.getBeanClass())) {
                return deserializer;
            }
            JsonDeserializer<?> result = deserializer;
            for (BeanDeserializerModifier m : real().deserializerModifiers) {
                result = m.modifyDeserializer(config, bean, result);
            }
            return result;
        }

        @Override
        public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
                                                          BeanDescription bean, JsonDeserializer<?> deserializer) {
            if (!handlesType(type)) {
                return deserializer;
            }
            JsonDeserializer<?> result = deserializer;
            for (BeanDeserializerModifier m : real().deserializerModifiers) {
                result = m.modifyEnumDeserializer(config, type, bean, result);
            }
            return result;
        }

        @Override
        public KeyDeserializer modifyKeyDeserializer(DeserializationConfig config, JavaType type,
                                                     KeyDeserializer deserializer) {
            if (!handlesType(type)) {
                return deserializer;
            }
            KeyDeserializer result = deserializer;
            for (BeanDeserializerModifier m : real().deserializerModifiers) {
                result = m.modifyKeyDeserializer(config, type, result);
            }
            return result;
        }
    }

    /**
     * What the real module registers, kept for the lazy parts to consult; questions about the mapper go to the
     * mapper's own setup context.
     */
    private static final class Recorder implements Module.SetupContext {
        private final Module.SetupContext mapper;
        final List<Serializers> serializers = new ArrayList<>(2);
        final List<Serializers> keySerializers = new ArrayList<>(1);
        final List<Deserializers> deserializers = new ArrayList<>(2);
        final List<KeyDeserializers> keyDeserializers = new ArrayList<>(1);
        final List<ValueInstantiators> valueInstantiators = new ArrayList<>(1);
        final List<TypeModifier> typeModifiers = new ArrayList<>(1);
        final List<BeanSerializerModifier> serializerModifiers = new ArrayList<>(1);
        final List<BeanDeserializerModifier> deserializerModifiers = new ArrayList<>(1);

        Recorder(Module.SetupContext mapper) {
            this.mapper = mapper;
        }

        @Override
        public Version getMapperVersion() {
            return mapper.getMapperVersion();
        }

        @Override
        public <C extends ObjectCodec> C getOwner() {
            return mapper.getOwner();
        }

        @Override
        public TypeFactory getTypeFactory() {
            return mapper.getTypeFactory();
        }

        @Override
        public boolean isEnabled(MapperFeature f) {
            return mapper.isEnabled(f);
        }

        @Override
        public boolean isEnabled(DeserializationFeature f) {
            return mapper.isEnabled(f);
        }

        @Override
        public boolean isEnabled(SerializationFeature f) {
            return mapper.isEnabled(f);
        }

        @Override
        public boolean isEnabled(JsonFactory.Feature f) {
            return mapper.isEnabled(f);
        }

        @Override
        public boolean isEnabled(JsonParser.Feature f) {
            return mapper.isEnabled(f);
        }

        @Override
        public boolean isEnabled(JsonGenerator.Feature f) {
            return mapper.isEnabled(f);
        }

        @Override
        public void addDeserializers(Deserializers d) {
            deserializers.add(d);
        }

        @Override
        public void addKeyDeserializers(KeyDeserializers s) {
            keyDeserializers.add(s);
        }

        @Override
        public void addSerializers(Serializers s) {
            serializers.add(s);
        }

        @Override
        public void addKeySerializers(Serializers s) {
            keySerializers.add(s);
        }

        @Override
        public void addBeanDeserializerModifier(BeanDeserializerModifier mod) {
            deserializerModifiers.add(mod);
        }

        @Override
        public void addBeanSerializerModifier(BeanSerializerModifier mod) {
            serializerModifiers.add(mod);
        }

        @Override
        public void addTypeModifier(TypeModifier modifier) {
            typeModifiers.add(modifier);
        }

        @Override
        public void addValueInstantiators(ValueInstantiators instantiators) {
            valueInstantiators.add(instantiators);
        }

        @Override
        public MutableConfigOverride configOverride(Class<?> type) {
            throw unsupported("config overrides");
        }

        @Override
        public void addAbstractTypeResolver(AbstractTypeResolver resolver) {
            throw unsupported("abstract type resolvers");
        }

        @Override
        public void setClassIntrospector(ClassIntrospector ci) {
            throw unsupported("class introspectors");
        }

        @Override
        public void insertAnnotationIntrospector(AnnotationIntrospector ai) {
            throw unsupported("annotation introspectors");
        }

        @Override
        public void appendAnnotationIntrospector(AnnotationIntrospector ai) {
            throw unsupported("annotation introspectors");
        }

        @Override
        public void registerSubtypes(Class<?>... subtypes) {
            throw unsupported("subtypes");
        }

        @Override
        public void registerSubtypes(NamedType... subtypes) {
            throw unsupported("subtypes");
        }

        @Override
        public void registerSubtypes(Collection<Class<?>> subtypes) {
            throw unsupported("subtypes");
        }

        @Override
        public void setMixInAnnotations(Class<?> target, Class<?> mixinSource) {
            throw unsupported("mix-ins");
        }

        @Override
        public void addDeserializationProblemHandler(DeserializationProblemHandler handler) {
            throw unsupported("problem handlers");
        }

        @Override
        public void setNamingStrategy(PropertyNamingStrategy naming) {
            throw unsupported("naming strategies");
        }

        private static UnsupportedOperationException unsupported(String what) {
            return new UnsupportedOperationException("a lazily set up Jackson module cannot register " + what);
        }
    }
}
