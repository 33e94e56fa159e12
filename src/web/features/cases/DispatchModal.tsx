import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, List, Modal, Result, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListItem } from '../../../shared/schemas/cases.js';
import { CASES_KEY, casesApi, type BulkDispatchResultDto } from './cases.api.js';
import { UnitSelect, useUnitsFor } from './UnitSelect.js';

export interface DispatchValues {
  unitId?: string;
  coUnitIds?: string[];
}

/**
 * The lead unit (承办单位) and the co-handling units (协办单位) of a dispatch, offered from the
 * towns of the cases. Used by the bulk dispatch and by a single case's 派单 form.
 */
export function DispatchFields({ regionCodes }: { regionCodes: readonly string[] }) {
  const { t } = useTranslation();
  const { units, loading } = useUnitsFor(regionCodes);
  const lead = Form.useWatch<string | undefined>('unitId');
  return (
    <>
      <Form.Item
        name="unitId"
        label={t('cases.dispatch.unit')}
        rules={[{ required: true, message: t('cases.dispatch.unitRequired') }]}
      >
        <UnitSelect
          units={units}
          loading={loading}
          placeholder={t('cases.dispatch.unitPlaceholder')}
          data-testid="dispatch-unit"
        />
      </Form.Item>
      <Form.Item
        name="coUnitIds"
        label={t('cases.dispatch.coUnits')}
        extra={t('cases.dispatch.coUnitsHint')}
        rules={[{ type: 'array', max: 10, message: t('cases.dispatch.coUnitsMax') }]}
      >
        <UnitSelect
          multiple
          units={units}
          loading={loading}
          exclude={lead ? [lead] : []}
          placeholder={t('cases.dispatch.coUnitsPlaceholder')}
          data-testid="dispatch-co-units"
        />
      </Form.Item>
    </>
  );
}

/** What the dispatch sends: the lead unit, and co-units other than the lead. */
export function dispatchBody(values: DispatchValues) {
  const unitId = values.unitId!;
  return { unitId, coUnitIds: (values.coUnitIds ?? []).filter((id) => id !== unitId) };
}

const SUBMIT_PROPS = { 'data-testid': 'dispatch-submit' } as ButtonProps;

interface Props {
  open: boolean;
  /** The cases chosen in the list. */
  cases: readonly CaseListItem[];
  onClose: () => void;
  /** After a dispatch went through (even partly): clear the selection. */
  onDispatched: () => void;
}

/**
 * 批量派单: many cases to one lead unit (and co-units) at once. Each case is dispatched or
 * refused on its own; the result lists how many went and why the others did not.
 */
export function DispatchModal({ open, cases, onClose, onDispatched }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<DispatchValues>();
  // The outcome with the codes of the cases sent: the list's selection is cleared meanwhile.
  const [result, setResult] = useState<{
    outcome: BulkDispatchResultDto;
    codes: ReadonlyMap<string, string>;
  } | null>(null);

  const dispatch = useMutation({
    mutationFn: async (values: DispatchValues) => {
      const codes = new Map(cases.map((c) => [c.id, c.code]));
      const outcome = await casesApi.dispatch({
        ids: cases.map((c) => c.id),
        ...dispatchBody(values),
      });
      return { outcome, codes };
    },
    meta: { form },
    onSuccess: async (done) => {
      setResult(done);
      if (done.outcome.dispatched.length > 0) onDispatched();
      await client.invalidateQueries({ queryKey: CASES_KEY });
    },
  });

  const close = () => onClose();

  return (
    <Modal
      open={open}
      title={t('cases.dispatch.bulkTitle', { n: result ? result.codes.size : cases.length })}
      onCancel={close}
      afterClose={() => {
        setResult(null);
        form.resetFields();
      }}
      destroyOnHidden
      footer={
        result
          ? [
              <Button key="close" type="primary" onClick={close} data-testid="dispatch-close">
                {t('common.close')}
              </Button>,
            ]
          : undefined
      }
      onOk={() => form.submit()}
      okText={t('cases.dispatch.submit')}
      okButtonProps={SUBMIT_PROPS}
      confirmLoading={dispatch.isPending}
    >
      {result ? (
        <DispatchResult result={result.outcome} codes={result.codes} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">
            {t('cases.dispatch.bulkIntro', { n: cases.length })}
          </Typography.Paragraph>
          <Form<DispatchValues>
            form={form}
            layout="vertical"
            onFinish={(values) => dispatch.mutate(values)}
          >
            <DispatchFields regionCodes={cases.map((c) => c.regionCode)} />
          </Form>
        </>
      )}
    </Modal>
  );
}

function DispatchResult({
  result,
  codes,
}: {
  result: BulkDispatchResultDto;
  codes: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const refused = result.refused.length;
  return (
    <div data-testid="dispatch-result">
      <Result
        status={refused === 0 ? 'success' : result.dispatched.length === 0 ? 'error' : 'warning'}
        title={t('cases.dispatch.dispatched', { n: result.dispatched.length })}
        subTitle={refused > 0 ? t('cases.dispatch.refused', { n: refused }) : undefined}
        style={{ padding: '16px 0' }}
      />
      {refused > 0 && (
        <Alert
          type="warning"
          message={
            <List
              size="small"
              dataSource={result.refused}
              renderItem={(item) => (
                <List.Item data-testid="dispatch-refusal">
                  <Typography.Text strong>{codes.get(item.id) ?? item.id}</Typography.Text>
                  {t('cases.dispatch.refusalSep')}
                  {item.message}
                </List.Item>
              )}
            />
          }
        />
      )}
    </div>
  );
}
