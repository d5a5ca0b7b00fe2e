import type { Dispatch } from 'react';
import { useServerEvent } from '../realtime/socket-context.js';
import type { PhoneAction } from './call-state.js';
import type { Softphone } from './softphone.js';

/** The server's side of the phone line, as it reaches this operator's room. */
export function usePhoneEvents(dispatch: Dispatch<PhoneAction>, phone: Softphone | null) {
  useServerEvent('call:offered', (offer) => dispatch({ type: 'offered', offer }));
  useServerEvent('call:offer-ended', ({ offerId, contactId, reason }) => dispatch({ type: 'offer-ended', offerId, contactId, reason }));
  useServerEvent('call:connecting', ({ contactId, operatorCallSid, training }) => {
    dispatch({ type: 'connecting', contactId, training, at: Date.now() });
    phone?.expect({ contactId, operatorCallSid });
  });
  useServerEvent('call:ended', ({ contactId }) => {
    dispatch({ type: 'ended', contactId, at: Date.now() });
    // Twilio ends the operator's leg with the conference; should the SDK still hold it, let it go.
    phone?.hangup(contactId);
  });
}
