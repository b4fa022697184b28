# A partner member's outcome/reason is confirmed before it reaches the reporter.
report-btn-outcome-send = ✅ Send
report-btn-outcome-edit = ✏️ Edit
report-outcome-preview =
    The outcome of <b>{$code}</b> that the reporter will see:

    {$text}

    Send it now, or edit it first?
report-reason-preview =
    The reason for rejecting <b>{$code}</b> that the reporter will see:

    {$text}

    Send it now, or edit it first?
report-outcome-not-yours = This button is for the member who is writing this report's outcome.
