#pragma once

#include "Model/MidiBinding.h"

#include <juce_gui_basics/juce_gui_basics.h>

namespace paddeck
{

/** Marks a component as a control MIDI learn can bind: the component keeps its target's key in
    its properties, so MIDI learn finds mappable controls without knowing the classes that own them.
    [message] */
namespace MidiLearnTag
{
inline const juce::Identifier property{ "midiTarget" };

inline void set (juce::Component& component, const MidiTarget& target)
{
    component.getProperties().set (property, target.toString());
}

inline std::optional<MidiTarget> get (const juce::Component& component)
{
    const auto* key = component.getProperties().getVarPointer (property);
    return key != nullptr ? MidiTarget::fromString (key->toString()) : std::nullopt;
}

/** The tagged component at or above `component`, or null. */
inline juce::Component* findTagged (juce::Component* component)
{
    for (; component != nullptr; component = component->getParentComponent())
        if (component->getProperties().contains (property))
            return component;
    return nullptr;
}
} // namespace MidiLearnTag

} // namespace paddeck
