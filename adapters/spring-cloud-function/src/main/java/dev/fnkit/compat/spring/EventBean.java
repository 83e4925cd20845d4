package dev.fnkit.compat.spring;

import dev.fnkit.api.Context;
import dev.fnkit.api.Event;
import dev.fnkit.api.EventFunction;

/** A catalog function called as a fnkit event function; a function's result is discarded. */
final class EventBean implements EventFunction<Object> {
    private final SpringBean bean;

    EventBean(SpringBean bean) {
        this.bean = bean;
    }

    @Override
    public void handle(Event<Object> event, Context context) {
        bean.call(Inputs.event(bean, event));
    }
}
