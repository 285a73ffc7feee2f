/**
 * A message request's first message in the reader's language (issue 11), for the Requests list:
 * contacts/ shows it through this component, which app/ provides, so that contacts/ need not
 * import translation/ (which imports contacts/).
 */
import type { MessageRow } from '../db/schema';
import { MessageText, useConversationTranslation } from '../features/translation';

export function TranslatedRequestPreview({
  message,
  partnerId,
}: {
  message: MessageRow;
  partnerId: string;
}): React.JSX.Element {
  const translation = useConversationTranslation(message.conversationId, partnerId, [message]);
  return (
    <MessageText
      text={message.text}
      display={translation.displays.get(message.clientId)}
      showOriginals={translation.prefs.showOriginals}
    />
  );
}
