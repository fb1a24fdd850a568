#include "Engine/MidiTriggerMap.h"

namespace paddeck
{

static std::optional<MidiTriggerMap::Action> actionFor (const MidiTarget& target, int rows, int columns)
{
    using Kind = MidiTriggerMap::Action::Kind;
    switch (target.type)
    {
        case MidiTarget::Type::padTrigger:
            if (target.row >= rows || target.column >= columns)
                return std::nullopt;
            return MidiTriggerMap::Action{ Kind::pad, (int16_t) (target.row * columns + target.column) };
        case MidiTarget::Type::bankNext:
            return MidiTriggerMap::Action{ Kind::bankNext, 0 };
        case MidiTarget::Type::bankPrevious:
            return MidiTriggerMap::Action{ Kind::bankPrevious, 0 };
        case MidiTarget::Type::bankSelect:
            return MidiTriggerMap::Action{ Kind::bankSelect, (int16_t) target.bank };
        case MidiTarget::Type::stopAll:
            return MidiTriggerMap::Action{ Kind::stopAll, 0 };
        default:
            return std::nullopt;
    }
}

MidiTriggerMap MidiTriggerMap::compile (const MidiMapping& mapping, int rows, int columns)
{
    MidiTriggerMap map;

    // Omni bindings first, so a binding to one channel wins over an omni one on that channel.
    for (const bool omniPass : { true, false })
        for (const auto& binding : mapping.bindings)
        {
            const auto& source = binding.source;
            if ((source.channel == 0) != omniPass || source.type == MidiSource::Type::pitchBend)
                continue;
            const auto action = actionFor (binding.target, rows, columns);
            if (!action)
                continue;

            auto& table = source.type == MidiSource::Type::note ? map.notes : map.controllers;
            for (int channel = 1; channel <= 16; ++channel)
                if (source.channel == 0 || source.channel == channel)
                    table[index (channel, source.number)] = *action;
        }

    return map;
}

} // namespace paddeck
