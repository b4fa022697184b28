# A message that could not be sent after every attempt (for coordinators / ops).
outbox-failed =
    ⚠️ Message <b>{$what}</b> could not be sent ({$attempts} attempts): { $reason ->
        [gone] the bot was removed or blocked, or the chat was not found.
        [rejected] Telegram refused this message.
       *[exhausted] Telegram did not answer or is having trouble.
    }
    See <code>rukun outbox list --failed</code>, then send it again with <code>rukun outbox retry</code>.
