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

# The reporter's answer to a partner's question.
report-btn-reopen = 🔁 Ask to reopen
report-answer-closed =
    Report <b>{$code}</b> is closed, so we have not passed your message on.
    If you have new information you can ask for it to be reopened, or send a new report with <b>Report Incident</b>.
report-answer-typed-note = We passed your message on as the answer to the partner's question about <b>{$code}</b>. If this is a new incident, press <b>Report Incident</b>.
report-answer-which = Several partner questions are waiting for your answer. Which report is this message («{$text}») for?
report-reopen-asked = We've passed your request to the partner and the coordinators. We'll keep you posted here 🙏
report-reopen-still-open = This report is still being handled, so it doesn't need reopening.
report-reopen-requested = 🔁 The reporter of <b>{$code}</b> asks for it to be reopened: there is new information. Please review it.
report-ev-reopen_requested = reporter asked to reopen
